/// One lexical token of CEL source, with its position.
struct CELToken: Sendable {
    /// The token's category and decoded payload.
    enum Kind: Sendable, Equatable {
        /// A name or keyword.
        case identifier(String)
        /// A backtick-quoted field name.
        case quotedIdentifier(String)
        /// An integer literal's magnitude (sign handled by the parser).
        case intLiteral(UInt64)
        /// A `u`-suffixed integer literal.
        case uintLiteral(UInt64)
        /// A floating-point literal.
        case doubleLiteral(Double)
        /// A decoded string literal.
        case stringLiteral(String)
        /// A decoded bytes literal.
        case bytesLiteral([UInt8])
        /// An operator or delimiter.
        case punctuation(String)
        /// The end of the source.
        case end
    }

    /// What the token is.
    var kind: Kind
    /// Where the token starts.
    var position: CELSourcePosition
}

/// Splits CEL source into tokens, decoding literals and reporting errors with line and column.
struct CELLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    private static let twoCharacterOperators: Set<String> = ["&&", "||", "==", "!=", "<=", ">="]
    private static let singleCharacterOperators: Set<Unicode.Scalar> = [
        "+", "-", "*", "/", "%", "!", "<", ">", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}",
    ]

    /// A lexer over `source`.
    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// All tokens of the source, ending with `.end`.
    mutating func tokenize() throws(CELError) -> [CELToken] {
        var tokens: [CELToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private var position: CELSourcePosition { CELSourcePosition(line: line, column: column) }

    private mutating func skipTrivia() {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                advance()
            } else if scalar == "/" && peek(1) == "/" {
                while let next = peek(), next != "\n" { advance() }
            } else {
                return
            }
        }
    }

    private mutating func next() throws(CELError) -> CELToken {
        skipTrivia()
        let start = position
        guard let scalar = peek() else { return CELToken(kind: .end, position: start) }
        if Self.isDigit(scalar) || (scalar == "." && peek(1).map(Self.isDigit) == true) {
            return CELToken(kind: try number(start), position: start)
        }
        if scalar == "\"" || scalar == "'" {
            return CELToken(kind: try quoted(raw: false, bytes: false, start: start), position: start)
        }
        if Self.isIdentifierStart(scalar) {
            if let prefixed = try prefixedLiteral(start) { return CELToken(kind: prefixed, position: start) }
            var name = ""
            while let next = peek(), Self.isIdentifierStart(next) || Self.isDigit(next) {
                name.unicodeScalars.append(next)
                advance()
            }
            return CELToken(kind: .identifier(name), position: start)
        }
        if scalar == "`" {
            advance()
            var name = ""
            while let next = peek(), next != "`" {
                guard next != "\n" else { break }
                name.unicodeScalars.append(next)
                advance()
            }
            guard peek() == "`", !name.isEmpty else {
                throw CELError(.syntax, "unterminated or empty `quoted` identifier", at: start)
            }
            advance()
            return CELToken(kind: .quotedIdentifier(name), position: start)
        }
        if let second = peek(1) {
            let pair = String(scalar) + String(second)
            if Self.twoCharacterOperators.contains(pair) {
                advance()
                advance()
                return CELToken(kind: .punctuation(pair), position: start)
            }
        }
        if Self.singleCharacterOperators.contains(scalar) {
            advance()
            return CELToken(kind: .punctuation(String(scalar)), position: start)
        }
        throw CELError(.syntax, "unexpected character '\(scalar)'", at: start)
    }

    /// A string or bytes literal with an `r`, `b`, `rb` or `br` prefix (any case), or nil if not one.
    private mutating func prefixedLiteral(_ start: CELSourcePosition) throws(CELError) -> CELToken.Kind? {
        func kind(_ scalar: Unicode.Scalar?) -> Character? {
            switch scalar {
            case "r", "R": "r"
            case "b", "B": "b"
            default: nil
            }
        }
        guard let first = kind(peek()) else { return nil }
        var length = 1
        var raw = first == "r"
        var bytes = first == "b"
        if let second = kind(peek(1)), second != first {
            length = 2
            raw = true
            bytes = true
        }
        guard length > 0, let quote = peek(length), quote == "\"" || quote == "'" else { return nil }
        for _ in 0..<length { advance() }
        return try quoted(raw: raw, bytes: bytes, start: start)
    }

    private mutating func quoted(raw: Bool, bytes: Bool, start: CELSourcePosition) throws(CELError)
        -> CELToken.Kind
    {
        guard let quote = peek() else { throw CELError(.syntax, "unterminated string literal", at: start) }
        let triple = peek(1) == quote && peek(2) == quote
        for _ in 0..<(triple ? 3 : 1) { advance() }
        var output: [UInt8] = []
        var text = String.UnicodeScalarView()
        func appendScalar(_ scalar: Unicode.Scalar) {
            if bytes { output.append(contentsOf: Array(String(scalar).utf8)) } else { text.append(scalar) }
        }
        while true {
            guard let scalar = peek() else {
                throw CELError(.syntax, "unterminated string literal (missing closing \(quote))", at: start)
            }
            if scalar == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                for _ in 0..<(triple ? 3 : 1) { advance() }
                break
            }
            if !triple && (scalar == "\n" || scalar == "\r") {
                throw CELError(.syntax, "newline in single-quoted string literal; use ''' or \"\"\"", at: start)
            }
            if scalar == "\\" && !raw {
                let escapePosition = position
                advance()
                try escape(bytes: bytes, at: escapePosition, output: &output, text: &text)
                continue
            }
            if scalar == "\\" && raw, let next = peek(1), next == quote, !triple {
                // A raw string still cannot contain its own quote unescaped; keep both characters.
                appendScalar(scalar)
                advance()
                appendScalar(next)
                advance()
                continue
            }
            appendScalar(scalar)
            advance()
        }
        return bytes ? .bytesLiteral(output) : .stringLiteral(String(text))
    }

    private mutating func escape(
        bytes: Bool, at escapePosition: CELSourcePosition, output: inout [UInt8], text: inout String.UnicodeScalarView
    ) throws(CELError) {
        guard let scalar = peek() else { throw CELError(.syntax, "unterminated escape sequence", at: escapePosition) }
        func emit(_ value: UInt32) throws(CELError) {
            guard let decoded = Unicode.Scalar(value) else {
                throw CELError(.syntax, "invalid Unicode code point in escape sequence", at: escapePosition)
            }
            if bytes { output.append(contentsOf: Array(String(decoded).utf8)) } else { text.append(decoded) }
        }
        let simple: [Unicode.Scalar: UInt32] = [
            "a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11,
            "\\": 92, "?": 63, "\"": 34, "'": 39, "`": 96,
        ]
        if let value = simple[scalar] {
            advance()
            try emit(value)
            return
        }
        let digitCount: Int
        let radix: UInt32
        switch scalar {
        case "x", "X": digitCount = 2; radix = 16; advance()
        case "u" where !bytes: digitCount = 4; radix = 16; advance()
        case "U" where !bytes: digitCount = 8; radix = 16; advance()
        case "0"..."3": digitCount = 3; radix = 8
        default: throw CELError(.syntax, "invalid escape sequence '\\\(scalar)'", at: escapePosition)
        }
        var value: UInt32 = 0
        for _ in 0..<digitCount {
            guard let digit = peek(), let digitValue = Self.digitValue(digit), digitValue < radix else {
                throw CELError(.syntax, "malformed escape sequence: expected \(digitCount) digits", at: escapePosition)
            }
            value = value * radix + digitValue
            advance()
        }
        if bytes && (scalar == "x" || scalar == "X" || radix == 8) {
            output.append(UInt8(truncatingIfNeeded: value))
        } else {
            try emit(value)
        }
    }

    private mutating func number(_ start: CELSourcePosition) throws(CELError) -> CELToken.Kind {
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            advance()
            advance()
            var digits = ""
            while let scalar = peek(), Self.digitValue(scalar) != nil {
                digits.unicodeScalars.append(scalar)
                advance()
            }
            guard let value = UInt64(digits, radix: 16) else {
                throw CELError(.syntax, "hexadecimal literal is malformed or out of range", at: start)
            }
            return try integerSuffix(value, start)
        }
        var text = ""
        var isDouble = false
        while let scalar = peek(), Self.isDigit(scalar) {
            text.unicodeScalars.append(scalar)
            advance()
        }
        if peek() == ".", let next = peek(1), Self.isDigit(next) {
            isDouble = true
            text.append(".")
            advance()
            while let scalar = peek(), Self.isDigit(scalar) {
                text.unicodeScalars.append(scalar)
                advance()
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            var lookahead = 1
            if let sign = peek(1), sign == "+" || sign == "-" { lookahead = 2 }
            if let digit = peek(lookahead), Self.isDigit(digit) {
                isDouble = true
                for _ in 0..<lookahead {
                    text.unicodeScalars.append(peek() ?? "e")
                    advance()
                }
                while let scalar = peek(), Self.isDigit(scalar) {
                    text.unicodeScalars.append(scalar)
                    advance()
                }
            }
        }
        if isDouble {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : text) else {
                throw CELError(.syntax, "malformed floating-point literal '\(text)'", at: start)
            }
            return .doubleLiteral(value)
        }
        guard let value = UInt64(text) else {
            throw CELError(.syntax, "integer literal '\(text)' is out of range", at: start)
        }
        return try integerSuffix(value, start)
    }

    private mutating func integerSuffix(_ value: UInt64, _ start: CELSourcePosition) throws(CELError)
        -> CELToken.Kind
    {
        if let suffix = peek(), suffix == "u" || suffix == "U" {
            advance()
            return .uintLiteral(value)
        }
        return .intLiteral(value)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 48 && scalar.value <= 57
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 65 && scalar.value <= 90) || (scalar.value >= 97 && scalar.value <= 122) || scalar == "_"
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 48...57: scalar.value - 48
        case 65...70: scalar.value - 55
        case 97...102: scalar.value - 87
        default: nil
        }
    }
}
