import Foundation

/// The themes of kudos reasons for the funders' report: the words and hashtags a reason is about, lower-cased, with
/// mentions, stop-words, numbers, short words and every word of a member's name or id taken out, so what members
/// thank each other for can be told without telling who.
enum KudosThemes {
    /// The theme words of `reason`, each once; `names` holds the lower-cased words of members' names and ids.
    static func themes(in reason: String, names: Set<String>) -> Set<String> {
        // Every kudos is counted on the request path, and nearly every reason is ASCII: its bytes are its
        // characters then, so they are read as bytes, without the strings the character reading builds for every
        // word (`KudosThemesTests` checks that both ways agree).
        guard reason.utf8.allSatisfy({ $0 < 0x80 }) else { return characterThemes(in: reason, names: names) }
        var themes = Set<String>()
        let kept = asciiWithoutMentions(Array(reason.utf8))
        for token in kept.split(whereSeparator: isASCIIWhitespace) where token.first != UInt8(ascii: "@") {
            for word in token.split(whereSeparator: { !isWordByte($0) }) {
                if let theme = asciiTheme(of: word, names: names) { themes.insert(theme) }
            }
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

    /// `theme(of:names:)` for an ASCII word as it appears in the reason, lower-cased here.
    private static func asciiTheme(of word: ArraySlice<UInt8>, names: Set<String>) -> String? {
        let isTrimmed: (UInt8) -> Bool = { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "'") }
        var core = word.drop { $0 == UInt8(ascii: "#") || isTrimmed($0) }
        while let last = core.last, isTrimmed(last) { core = core.dropLast() }
        if core.count >= 2, core[core.endIndex - 2] == UInt8(ascii: "'"), core.last.map(isLowerS) == true {
            core = core.dropLast(2)
        }
        guard core.count >= 3, core.contains(where: isASCIILetter) else { return nil }
        let text = String(decoding: core.map(asciiLowercased), as: UTF8.self)
        guard !stopWords.contains(text), !isName(text, in: names) else { return nil }
        return word.first == UInt8(ascii: "#") ? "#" + text : text
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

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isLowerS(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "s") || byte == UInt8(ascii: "S")
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// The characters `Character.isWhitespace` holds among ASCII: tab, line feed, vertical tab, form feed,
    /// carriage return and space.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        (0x09...0x0D).contains(byte) || byte == 0x20
    }

    /// `withoutMentions` for ASCII bytes, before its whitespace is collapsed and its `@name` words dropped.
    private static func asciiWithoutMentions(_ bytes: [UInt8]) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var rest = bytes[...]
        while let open = rest.firstIndex(of: UInt8(ascii: "<")) {
            kept += rest[..<open]
            let tail = rest[open...]
            if hasASCIIPrefix(tail, teamsMentionOpen), let end = endOfFirstASCII(teamsMentionClose, in: tail) {
                rest = tail[end...]
            } else if let close = tail.firstIndex(of: UInt8(ascii: ">")) {
                rest = tail[(close + 1)...]
            } else {
                kept += tail
                rest = []
            }
        }
        kept += rest
        return kept
    }

    private static let teamsMentionOpen = Array("<at>".utf8)
    private static let teamsMentionClose = Array("</at>".utf8)

    /// Whether `bytes` start with the lower-case `prefix`, ignoring case.
    private static func hasASCIIPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { asciiLowercased($0) == $1 }
    }

    /// The end of the first place `bytes` hold the lower-case `needle`, ignoring case.
    private static func endOfFirstASCII(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        var start = bytes.startIndex
        while start + needle.count <= bytes.endIndex {
            if hasASCIIPrefix(bytes[start...], needle) { return start + needle.count }
            start += 1
        }
        return nil
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
        for member in members {
            addNameWords(of: member.displayName, to: &names)
            addNameWords(of: member.id.user, to: &names)
        }
        for id in ids { addNameWords(of: id.user, to: &names) }
        return names
    }

    /// Adds `text` lower-cased, whole and each of its words (runs of letters and digits); an ASCII `text` is read as
    /// bytes, as `themes(in:names:)` reads a reason (`KudosThemesTests` checks both ways agree).
    static func addNameWords(of text: String, to names: inout Set<String>) {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return addCharacterNameWords(of: text, to: &names) }
        let lowered = text.utf8.map(asciiLowercased)
        names.insert(String(decoding: lowered, as: UTF8.self))
        for part in lowered.split(whereSeparator: { !isASCIILetter($0) && !(0x30...0x39).contains($0) }) {
            names.insert(String(decoding: part, as: UTF8.self))
        }
    }

    /// `addNameWords(of:to:)` for any text, read character by character.
    static func addCharacterNameWords(of text: String, to names: inout Set<String>) {
        let lowered = text.lowercased()
        names.insert(lowered)
        for part in lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { names.insert(String(part)) }
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
