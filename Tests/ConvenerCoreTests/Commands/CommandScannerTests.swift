import Testing

@testable import ConvenerCore

/// One input and the words the scanner must split it into.
struct CommandScanCase: Sendable, CustomTestStringConvertible {
    let input: String
    let words: [String]
    let quoted: [Bool]

    var testDescription: String {
        input
    }
}

@Suite("Command scanner: words, quotes and escapes")
struct CommandScannerTests {
    static let cases: [CommandScanCase] = [
        .init(input: "a b  c", words: ["a", "b", "c"], quoted: [false, false, false]),
        .init(
            input: "  leading and trailing  ", words: ["leading", "and", "trailing"], quoted: [false, false, false]),
        .init(input: "\"two words\" one", words: ["two words", "one"], quoted: [true, false]),
        .init(input: "'single quoted'", words: ["single quoted"], quoted: [true]),
        .init(input: "\u{201C}curly double\u{201D}", words: ["curly double"], quoted: [true]),
        .init(input: "\u{201D}closing pair\u{201D}", words: ["closing pair"], quoted: [true]),
        .init(input: "\u{201E}German\u{201C}", words: ["German"], quoted: [true]),
        .init(input: "\u{2018}curly single\u{2019}", words: ["curly single"], quoted: [true]),
        .init(input: "\u{2018}it\u{2019}s fine\u{2019}", words: ["it\u{2019}s fine"], quoted: [true]),
        .init(input: "'Mom's cooking' next", words: ["Mom's cooking", "next"], quoted: [true, false]),
        .init(input: "don't stop", words: ["don't", "stop"], quoted: [false, false]),
        .init(input: "say\"what\" now", words: ["say\"what\"", "now"], quoted: [false, false]),
        .init(input: "\"a \\\"b\\\" c\"", words: ["a \"b\" c"], quoted: [true]),
        .init(input: "'a \\'b\\' c'", words: ["a 'b' c"], quoted: [true]),
        .init(input: "\"back\\\\slash\"", words: ["back\\slash"], quoted: [true]),
        .init(input: "\"keep \\n as is\"", words: ["keep \\n as is"], quoted: [true]),
        .init(
            input: "\u{201C}no \\\u{201D} escapes in curly\u{201D}",
            words: ["no \\", "escapes", "in", "curly\u{201D}"],
            quoted: [true, false, false, false]),
        .init(input: "\"\"", words: [""], quoted: [true]),
        .init(input: "\"a\"\"b\"", words: ["a", "b"], quoted: [true, true]),
        .init(input: "\"mixed' quotes\"", words: ["mixed' quotes"], quoted: [true]),
        .init(
            input: "tab\tand\nnewline\u{00A0}nbsp", words: ["tab", "and", "newline", "nbsp"],
            quoted: [false, false, false, false]),
        .init(input: "🎉 \"emoji 🍕\"", words: ["🎉", "emoji 🍕"], quoted: [false, true]),
    ]

    @Test("splits into words", arguments: cases)
    func words(_ testCase: CommandScanCase) throws {
        var scanner = CommandScanner(testCase.input)
        let tokens = try scanner.rest()
        #expect(tokens.map(\.text) == testCase.words)
        #expect(tokens.map(\.isQuoted) == testCase.quoted)
    }

    @Test(
        "an unterminated quote reports where it opened",
        arguments: [
            ("\"abc", 0, 1, 1), ("ab \"cd ef", 3, 1, 4), ("x 'y", 2, 1, 3), ("x\n  \u{201C}y", 4, 2, 3),
            ("🎉 \"a", 2, 1, 3), ("\"a\\\"", 0, 1, 1),
        ])
    func unterminated(input: String, index: Int, line: Int, column: Int) {
        var scanner = CommandScanner(input)
        #expect(throws: CommandScanFailure(quoteIndex: index)) {
            _ = try scanner.rest()
        }
        let position = scanner.position(of: index)
        #expect(position.line == line)
        #expect(position.column == column)
    }

    @Test(
        "the rest of the line is raw unless one quoted word spans it",
        arguments: [
            ("  hello  world  ", "hello  world"), ("\"all quoted\"", "all quoted"), ("\"a\" b", "\"a\" b"),
            ("it's", "it's"), ("\"open", "\"open"), ("", ""), ("\u{201C}curly\u{201D}  ", "curly"),
            ("one\ntwo", "one\ntwo"),
        ])
    func restOfLine(input: String, expected: String) {
        var scanner = CommandScanner(input)
        #expect(scanner.restOfLine() == expected)
        #expect(scanner.restOfLine().isEmpty)
    }

    @Test("scanning can start after a prefix and keeps counting columns from the start")
    func startIndex() throws {
        var scanner = CommandScanner("/cop poll", from: 5)
        let token = try #require(try scanner.next())
        #expect(token.text == "poll")
        #expect(token.start == 5)
        #expect(token.end == 9)
        #expect(try scanner.next() == nil)
    }
}
