import Foundation

/// The themes of kudos reasons for the funders' report: the words and hashtags a reason is about, lower-cased, with
/// mentions, stop-words, numbers, short words and every word of a member's name or id taken out, so what members
/// thank each other for can be told without telling who.
enum KudosThemes {
    /// The theme words of `reason`, each once; `names` holds the lower-cased words of members' names and ids.
    static func themes(in reason: String, names: Set<String>) -> Set<String> {
        // Every kudos is counted on the request path, and nearly every reason is ASCII: its bytes are its
        // characters then, so they are read as bytes (`KudosThemesTests` checks that both ways agree).
        guard reason.utf8.allSatisfy({ $0 < 0x80 }) else { return characterThemes(in: reason, names: names) }
        var themes = Set<String>()
        for word in withoutMentions(reason).lowercased().utf8.split(whereSeparator: { !isWordByte($0) }) {
            if let theme = theme(of: Substring(word), names: names) { themes.insert(theme) }
        }
        return themes
    }

    /// `themes(in:names:)` for any text, read character by character.
    static func characterThemes(in reason: String, names: Set<String>) -> Set<String> {
        var themes = Set<String>()
        var word = ""
        func flush() {
            if let theme = theme(of: word, names: names) { themes.insert(theme) }
            word = ""
        }
        for character in withoutMentions(reason).lowercased() {
            if character.isLetter || character.isNumber || "#-'’".contains(character) {
                word.append(character)
            } else {
                flush()
            }
        }
        flush()
        return themes
    }

    /// The theme a lower-cased `word` names: without its leading `#`s, dashes and apostrophes, its trailing dashes
    /// and apostrophes and a possessive `'s`; nil when it is short, has no letter, is a stop-word or a name.
    private static func theme(of word: some StringProtocol, names: Set<String>) -> String? {
        let isHashtag = word.hasPrefix("#")
        var core = Substring(word).drop { $0 == "#" || $0 == "-" || $0 == "'" || $0 == "’" }
        while let last = core.last, last == "-" || last == "'" || last == "’" { core = core.dropLast() }
        if core.hasSuffix("'s") || core.hasSuffix("’s") { core = core.dropLast(2) }
        let text = String(core)
        guard text.count >= 3, text.contains(where: \.isLetter), !stopWords.contains(text), !isName(text, in: names)
        else { return nil }
        return isHashtag ? "#" + text : text
    }

    /// Whether an ASCII byte belongs to a word: a letter, a digit, `#`, `-` or `'`.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "'"):
            true
        default: false
        }
    }

    /// `text` without mentions: Teams' `<at>Name</at>`, escaped ids such as Slack's `<@U123|alice>` or Matrix's
    /// `<@@bob:example.org>`, and `@name` words; whitespace collapsed.
    static func withoutMentions(_ text: String) -> String {
        var kept = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            kept += rest[..<open]
            let tail = rest[open...]
            if tail.lowercased().hasPrefix("<at>"), let end = tail.range(of: "</at>", options: .caseInsensitive) {
                rest = tail[end.upperBound...]
            } else if let close = tail.firstIndex(of: ">") {
                rest = tail[tail.index(after: close)...]
            } else {
                kept += tail
                rest = ""
            }
        }
        kept += rest
        return kept.split(whereSeparator: \.isWhitespace).filter { !$0.hasPrefix("@") }.joined(separator: " ")
    }

    /// Whether the theme `word` (a hashtag or not) is a name or a part of one in `names`: "member-0" or
    /// "ada-lovelace" is a name as much as its parts are.
    static func isName(_ word: String, in names: Set<String>) -> Bool {
        let text = word.hasPrefix("#") ? String(word.dropFirst()) : word
        return names.contains(text) || text.split(separator: "-").contains { names.contains(String($0)) }
    }

    /// The lower-cased display names and user ids of `members` and of `ids`, whole and word by word, which no
    /// theme may be.
    static func names(of members: some Sequence<Member>, ids: [MemberID] = []) -> Set<String> {
        var names = Set<String>()
        func add(_ text: String) {
            let lowered = text.lowercased()
            names.insert(lowered)
            for part in lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { names.insert(String(part)) }
        }
        for member in members {
            add(member.displayName)
            add(member.id.user)
        }
        for id in ids { add(id.user) }
        return names
    }

    /// English function words and the words every kudos uses ("thanks for the help"), which say nothing of its theme.
    static let stopWords: Set<String> = [
        "about", "above", "after", "again", "all", "also", "always", "and", "any", "are", "around", "because", "been",
        "before", "being", "best", "but", "can", "could", "did", "does", "doing", "done", "down", "during", "each",
        "even", "ever", "every", "for", "from", "further", "get", "getting", "give", "given", "going", "got", "great",
        "had", "has", "have", "having", "her", "here", "hers", "herself", "him", "himself", "his", "how", "into",
        "its", "itself", "just", "kudos", "last", "let", "like", "made", "make", "making", "many", "more", "most",
        "much", "myself", "never", "new", "not", "now", "off", "once", "one", "only", "other", "our", "ours",
        "ourselves", "out", "over", "own", "really", "same", "she", "should", "since", "some", "still", "such",
        "super", "than", "thank", "thanks", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
        "these", "they", "this", "those", "through", "thx", "today", "too", "under", "until", "very", "was", "way",
        "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yesterday",
        "you", "your", "yours", "yourself", "yourselves",
    ]
}
