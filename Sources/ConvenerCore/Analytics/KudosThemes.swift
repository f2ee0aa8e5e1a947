import Foundation

/// The themes of kudos reasons for the funders' report: the words and hashtags a reason is about, lower-cased, with
/// mentions, stop-words, numbers, short words and every word of a member's name or id taken out, so what members
/// thank each other for can be told without telling who.
enum KudosThemes {
    /// The theme words of `reason`, each once; `names` holds the lower-cased words of members' names and ids.
    static func themes(in reason: String, names: Set<String>) -> Set<String> {
        var themes = Set<String>()
        var word = ""
        func flush() {
            defer { word = "" }
            let isHashtag = word.hasPrefix("#")
            var core = Substring(word).drop { $0 == "#" || $0 == "-" || $0 == "'" || $0 == "’" }
            while let last = core.last, last == "-" || last == "'" || last == "’" { core = core.dropLast() }
            if core.hasSuffix("'s") || core.hasSuffix("’s") { core = core.dropLast(2) }
            let text = String(core)
            // "member-0" or "ada-lovelace" is a name as much as its parts are.
            let parts = text.split(separator: "-").map(String.init)
            guard text.count >= 3, text.contains(where: \.isLetter), !stopWords.contains(text), !names.contains(text),
                !parts.contains(where: names.contains)
            else { return }
            themes.insert(isHashtag ? "#" + text : text)
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

    /// The lower-cased words of every member's display name and user id in `state`, which no theme may be.
    static func names(in state: CommunityState) -> Set<String> {
        var names = Set<String>()
        for member in state.members.values {
            for text in [member.displayName, member.id.user] {
                names.insert(text.lowercased())
                for part in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                    names.insert(String(part))
                }
            }
        }
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
