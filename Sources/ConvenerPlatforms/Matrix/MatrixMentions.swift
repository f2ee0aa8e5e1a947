import Foundation

/// Member mentions in a command typed in Matrix, written the way the command grammar takes a user id
/// (`<@@bob:example.org>`), since Matrix names people by display names with spaces and by ids with colons, which an
/// `@name` cannot hold: a pill (Element puts the display name in `body` and a matrix.to link in `formatted_body`), a
/// user id typed in full, and `@bob` typed as the localpart of a member the bot knows. Any other `@name` stays, for
/// the community to match against display names.
public enum MatrixMentions {
    /// `text` (a command's text) with the mentions it holds written as user ids. `formattedBody` is the message's
    /// HTML, where pills are; `knownUsers` are the user ids the bot has seen in its rooms.
    public static func resolved(_ text: String, formattedBody: String?, knownUsers: some Sequence<String>) -> String {
        var result = text
        for (user, label) in pills(in: formattedBody ?? "") {
            if let range = result.range(of: label) { result.replaceSubrange(range, with: "<@\(user)>") }
        }
        var byLocalpart: [String: [String]] = [:]
        for user in knownUsers { byLocalpart[MatrixEvents.localpart(of: user).lowercased(), default: []].append(user) }
        let words = result.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            guard word.hasPrefix("@") else { return String(word) }
            // People type "@bob:" or "@bob," before the reason.
            for cut in 0...min(2, word.count - 1) {
                let trailing = word.suffix(cut)
                guard trailing.allSatisfy({ $0 == ":" || $0 == "," }) else { break }
                let core = String(word.dropLast(cut))
                if MatrixSettings.isUserID(core) { return "<@\(core)>" + trailing }
                if let users = byLocalpart[core.dropFirst().lowercased()], users.count == 1, let user = users.first {
                    return "<@\(user)>" + trailing
                }
            }
            return String(word)
        }
        return words.joined(separator: " ")
    }

    /// The pills of an HTML body: each linked user id with the text the link shows (entities decoded).
    static func pills(in html: String) -> [(user: String, label: String)] {
        var found: [(String, String)] = []
        var rest = Substring(html)
        let opening = "<a href=\"https://matrix.to/#/"
        while let start = rest.range(of: opening) {
            rest = rest[start.upperBound...]
            guard let quote = rest.firstIndex(of: "\""), let close = rest.range(of: "</a>") else { break }
            let target = String(rest[..<quote]).removingPercentEncoding ?? String(rest[..<quote])
            let user = String(target.prefix { $0 != "?" })
            guard let tagEnd = rest[quote...].firstIndex(of: ">"), tagEnd < close.lowerBound else { break }
            let label = decoded(String(rest[rest.index(after: tagEnd)..<close.lowerBound]))
            if MatrixSettings.isUserID(user), !label.isEmpty { found.append((user, label)) }
            rest = rest[close.upperBound...]
        }
        return found
    }

    private static func decoded(_ html: String) -> String {
        html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
