import ConvenerCore

/// The `--community ID` flag every command takes, removed before the command parser sees the text.
enum CommunityFlag {
    /// `text` without its `--community ID` (or `--community=ID`), and the id; quoted text is left alone, so a poll
    /// option may say "--community".
    ///
    /// A flag without an id comes back as the empty string, so the caller can say what is missing.
    static func strip(_ text: String) -> (text: String, community: String?) {
        // Almost no command names its community: skip the tokenising (every command passes here) when none does.
        guard mentionsFlag(text) else { return (text, nil) }
        var tokens: [(range: Range<String.Index>, text: Substring)] = []
        var index = text.startIndex
        var quote: Character?
        var start: String.Index?
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if Self.closes(open, character) { quote = nil }
            } else if Self.opening.contains(character) {
                quote = character
                if start == nil { start = index }
            } else if character.isWhitespace {
                if let begin = start { tokens.append((begin..<index, text[begin..<index])) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = text.index(after: index)
        }
        if let begin = start { tokens.append((begin..<text.endIndex, text[begin..<text.endIndex])) }
        for (position, token) in tokens.enumerated() {
            var removed: Range<String.Index>
            let community: String
            if token.text == "--community" {
                guard position + 1 < tokens.count else {
                    return (String(text[..<token.range.lowerBound]).trimmingTrailingSpace, "")
                }
                removed = token.range.lowerBound..<tokens[position + 1].range.upperBound
                community = String(tokens[position + 1].text)
            } else if token.text.hasPrefix("--community=") {
                removed = token.range
                community = String(token.text.dropFirst("--community=".count))
            } else {
                continue
            }
            // Take the spaces after the flag with it, so the remaining text reads as typed.
            while removed.upperBound < text.endIndex, text[removed.upperBound].isWhitespace {
                removed = removed.lowerBound..<text.index(after: removed.upperBound)
            }
            var rest = text
            rest.removeSubrange(removed)
            return (rest.trimmingTrailingSpace, community)
        }
        return (text, nil)
    }

    /// Whether `--community` appears anywhere in `text`, found by a plain byte search (the generic `firstRange(of:)`
    /// cost more than the tokenising it saves).
    private static func mentionsFlag(_ text: String) -> Bool {
        Array(text.utf8).containsBytes(flagBytes)
    }

    private static let flagBytes = Array("--community".utf8)

    private static let opening: Set<Character> = ["\"", "\u{201C}", "\u{201E}"]

    private static func closes(_ open: Character, _ character: Character) -> Bool {
        open == "\"" ? character == "\"" : character == "\u{201D}" || character == "\u{201C}"
    }
}

extension String {
    fileprivate var trimmingTrailingSpace: String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
