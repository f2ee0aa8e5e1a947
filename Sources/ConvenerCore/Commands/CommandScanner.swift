/// Splits command text into words one at a time, so free text (`kudos`, `feedback`) can be taken raw.
///
/// Words are separated by whitespace. A quote opens a quoted word only at the start of a word: straight
/// `"…"` and `'…'`, or curly `“…”`, `„…“`, `‘…’` (any opening and closing of the same kind). Inside straight
/// quotes `\"`, `\'` and `\\` stand for the character. A single quote closes only before whitespace or
/// the end, so apostrophes (`'Mom's cooking'`) stay in the word.
struct CommandScanner: Sendable {
    /// The scanned characters.
    let characters: [Character]
    /// The index of the next character to read.
    private(set) var index: Int

    /// Starts scanning `text` at `index`.
    init(_ text: String, from index: Int = 0) {
        self.characters = Array(text)
        self.index = index
    }

    /// The next word, or `nil` at the end.
    mutating func next() throws(CommandScanFailure) -> CommandToken? {
        skipWhitespace()
        guard index < characters.count else {
            return nil
        }
        let start = index
        if let family = Self.quoteFamily(of: characters[index]) {
            return try quoted(start: start, family: family)
        }
        var text = ""
        while index < characters.count, !characters[index].isWhitespace {
            text.append(characters[index])
            index += 1
        }
        return CommandToken(text: text, isQuoted: false, start: start, end: index)
    }

    /// All remaining words.
    mutating func rest() throws(CommandScanFailure) -> [CommandToken] {
        var tokens: [CommandToken] = []
        while let token = try next() {
            tokens.append(token)
        }
        return tokens
    }

    /// The rest of the text as typed, trimmed; quotes are removed only if one quoted word spans all of it.
    mutating func restOfLine() -> String {
        skipWhitespace()
        var end = characters.count
        while end > index, characters[end - 1].isWhitespace {
            end -= 1
        }
        let raw = String(characters[index..<end])
        var probe = self
        if Self.quoteFamily(of: character(at: index)) != nil,
            let token = try? probe.next(), token.end == end
        {
            index = characters.count
            return token.text.trimmingCommandWhitespace()
        }
        index = characters.count
        return raw
    }

    /// The 1-based line and column of a character index, counting characters as a person sees them.
    func position(of target: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in characters.prefix(target) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// Whether the text spans more than one line.
    var isMultiline: Bool {
        characters.contains { $0.isNewline }
    }

    private enum QuoteFamily {
        case double
        case single
    }

    private static func quoteFamily(of character: Character?) -> QuoteFamily? {
        switch character {
        case "\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}":
            .double
        case "'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}":
            .single
        default:
            nil
        }
    }

    private func character(at position: Int) -> Character? {
        characters.indices.contains(position) ? characters[position] : nil
    }

    private mutating func skipWhitespace() {
        while index < characters.count, characters[index].isWhitespace {
            index += 1
        }
    }

    private mutating func quoted(start: Int, family: QuoteFamily) throws(CommandScanFailure) -> CommandToken {
        let isStraight = characters[start] == "\"" || characters[start] == "'"
        index += 1
        var text = ""
        while index < characters.count {
            let character = characters[index]
            if isStraight, character == "\\", index + 1 < characters.count,
                ["\"", "'", "\\"].contains(characters[index + 1])
            {
                text.append(characters[index + 1])
                index += 2
                continue
            }
            if Self.quoteFamily(of: character) == family {
                let following = self.character(at: index + 1)
                let closes = family == .double || following == nil || following?.isWhitespace == true
                if closes {
                    index += 1
                    return CommandToken(text: text, isQuoted: true, start: start, end: index)
                }
            }
            text.append(character)
            index += 1
        }
        throw CommandScanFailure(quoteIndex: start)
    }
}

/// An unterminated quote found while scanning: where it opened.
struct CommandScanFailure: Error, Sendable, Equatable {
    /// The index of the opening quote in the scanned text.
    let quoteIndex: Int
}

extension String {
    /// The string without leading and trailing whitespace or newlines.
    func trimmingCommandWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace {
            slice = slice.dropFirst()
        }
        while let last = slice.last, last.isWhitespace {
            slice = slice.dropLast()
        }
        return String(slice)
    }
}
