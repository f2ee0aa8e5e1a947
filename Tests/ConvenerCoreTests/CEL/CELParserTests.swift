import Testing

@testable import ConvenerCore

/// Syntax and check errors carry the right line, column and message.
struct CELParserTests {
    /// A source with the error it must produce.
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        /// The expression.
        let source: String
        /// The expected phase.
        let kind: CELError.Kind
        /// The expected line.
        let line: Int
        /// The expected column.
        let column: Int
        /// Text the message must contain.
        let fragment: String
        /// The source, as the test name.
        var testDescription: String { source }
    }

    /// Syntax and check errors with their positions.
    static let errorCases: [ErrorCase] = [
        ErrorCase(source: "1 +", kind: .syntax, line: 1, column: 4, fragment: "expected an expression"),
        ErrorCase(source: "(1 + 2", kind: .syntax, line: 1, column: 7, fragment: "')'"),
        ErrorCase(
            source: "member.tier ==\n  'a' &&\n  )", kind: .syntax, line: 3, column: 3,
            fragment: "expected an expression"),
        ErrorCase(source: "'abc", kind: .syntax, line: 1, column: 1, fragment: "unterminated"),
        ErrorCase(source: "1 # 2", kind: .syntax, line: 1, column: 3, fragment: "unexpected character '#'"),
        ErrorCase(source: "9223372036854775808", kind: .syntax, line: 1, column: 1, fragment: "out of range"),
        ErrorCase(source: "'\\q'", kind: .syntax, line: 1, column: 2, fragment: "invalid escape"),
        ErrorCase(source: "if == 1", kind: .syntax, line: 1, column: 1, fragment: "reserved word"),
        ErrorCase(source: "1 2", kind: .syntax, line: 1, column: 3, fragment: "after the expression"),
        ErrorCase(
            source: "memberr.tier == 'x'", kind: .check, line: 1, column: 1,
            fragment: "undeclared reference to 'memberr'"),
        ErrorCase(
            source: "member.tier == 'a' &&\n member.teir == 'b'", kind: .check, line: 2, column: 8,
            fragment: "'member' has no field 'teir'"),
        ErrorCase(
            source: "member.tier + 1", kind: .check, line: 1, column: 13,
            fragment: "no matching overload for '+' applied to (string, int)"),
        ErrorCase(source: "size(member.tier, 2)", kind: .check, line: 1, column: 1, fragment: "takes 1"),
        ErrorCase(
            source: "member.tier.startsWith(1)", kind: .check, line: 1, column: 12,
            fragment: "no matching overload for 'startsWith'"),
        ErrorCase(source: "frobnicate(1)", kind: .check, line: 1, column: 1, fragment: "unknown function 'frobnicate'"),
        ErrorCase(source: "now - member.tier", kind: .check, line: 1, column: 5, fragment: "no matching overload"),
        ErrorCase(source: "n ? 1 : 2", kind: .check, line: 1, column: 3, fragment: "must be a bool"),
        ErrorCase(source: "has(member)", kind: .syntax, line: 1, column: 1, fragment: "field selection"),
        ErrorCase(
            source: "has(member.nmae)", kind: .check, line: 1, column: 11, fragment: "'member' has no field 'nmae'"),
        ErrorCase(source: "[1].all(x)", kind: .syntax, line: 1, column: 4, fragment: "all() takes 2 arguments"),
        ErrorCase(
            source: "member.lastActiveAt - now > member.tier", kind: .check, line: 1, column: 27,
            fragment: "no matching overload for '>'"),
        ErrorCase(source: "Msg{a: 1}", kind: .check, line: 1, column: 1, fragment: "not supported"),
    ]

    /// Each error case fails to compile with the expected kind, position and message.
    @Test(arguments: errorCases)
    func reportsErrorWithPosition(_ errorCase: ErrorCase) throws {
        let error = try #require(CELTestSupport.compileError(errorCase.source))
        #expect(error.kind == errorCase.kind)
        #expect(error.line == errorCase.line && error.column == errorCase.column, "\(error)")
        #expect(error.message.contains(errorCase.fragment), "\(error.message)")
    }

    @Test func errorDescriptionNamesPosition() throws {
        let error = try #require(CELTestSupport.compileError("member.tier ==\n  nope"))
        #expect(
            error.description == "2:3: check error: undeclared reference to 'nope'; declared variables: "
                + "event, member, n, now")
    }

    @Test func uncheckedModeDefersUnknownNamesToEvaluation() throws {
        let declarations = CELDeclarations([:], typeChecking: false)
        let program = try CELProgram.compile("x || true", declarations: declarations)
        #expect(try program.evaluate().get() == .bool(true))
        let failing = try CELProgram.compile("x + 1", declarations: declarations)
        guard case .failure(let error) = failing.evaluate() else {
            Issue.record("expected an error")
            return
        }
        #expect(error.kind == .evaluation && error.column == 1)
    }

    @Test(arguments: [
        ("r'\\d+'", CELValue.string("\\d+")),
        ("'''a\nb'''", .string("a\nb")),
        ("\"\\u00e9\\x41\\101\"", .string("éAA")),
        ("b'\\xff\\000'", .bytes([255, 0])),
        ("-9223372036854775808", .int(Int64.min)),
        ("0x1Fu", .uint(31)),
        (".5 + 1e2", .double(100.5)),
        ("[1, 2,]", .list([.int(1), .int(2)])),
        ("{'a': 1,}.a // trailing comment", .int(1)),
        ("{'content-type': 'json'}.`content-type`", .string("json")),
    ])
    /// Literal forms evaluate to the expected values.
    func parsesLiterals(_ source: String, _ expected: CELValue) throws {
        #expect(try CELTestSupport.evaluate(source).get() == expected)
    }
}

/// Very deep or long expressions are rejected cleanly instead of exhausting the stack.
struct CELLimitTests {
    /// 150 nested parentheses exceed the parser's nesting limit.
    @Test func deepNestingIsASyntaxError() throws {
        let source = String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)
        let error = try #require(CELTestSupport.compileError(source))
        #expect(error.kind == .syntax && error.message.contains("nests more than 100"))
    }

    /// A 200-term sum still compiles and evaluates; a 1000-term one is rejected.
    @Test func longChainsAreBounded() throws {
        let sum = Array(repeating: "1", count: 200).joined(separator: " + ")
        #expect(try CELTestSupport.evaluate(sum).get() == .int(200))
        let huge = Array(repeating: "1", count: 1000).joined(separator: " + ")
        let error = try #require(CELTestSupport.compileError(huge))
        #expect(error.message.contains("too deeply nested"))
    }
}
