import Testing

@testable import ConvenerCore

/// Evaluation semantics: errors, short-circuiting, macros and rule-shaped conditions.
struct CELEvaluationTests {
    /// A member record shaped like the rule engine's.
    static let member = CELValue.record([
        "tier": .string("peripheral"),
        "lastActiveAt": CELTestSupport.timestamp("2026-01-01T00:00:00Z"),
        "name": .string("Ada"),
        "tags": .list([.string("swift"), .string("rules")]),
        "profile": .record(["city": .string("Lyon")]),
    ])

    /// Evaluates `source` with the test member bound.
    static func run(_ source: String, now: String = "2026-03-01T00:00:00Z") -> Result<CELValue, CELError> {
        CELTestSupport.evaluate(
            source,
            [
                "member": member, "now": CELTestSupport.timestamp(now), "n": .int(0), "event": .record([:]),
            ])
    }

    @Test func typicalRuleCondition() throws {
        let source = #"member.tier == "peripheral" && now - member.lastActiveAt > duration("720h")"#
        #expect(try Self.run(source).get() == .bool(true))
        #expect(try Self.run(source, now: "2026-01-20T00:00:00Z").get() == .bool(false))
    }

    @Test(arguments: [
        // A decisive operand on either side absorbs an error on the other (CEL's commutative logic).
        ("1 / n == 1 && false", CELValue.bool(false)),
        ("false && 1 / n == 1", .bool(false)),
        ("1 / n == 1 || true", .bool(true)),
        ("true || 1 / n == 1", .bool(true)),
        ("event.missing == 1 || member.tier == 'peripheral'", .bool(true)),
        ("true ? 1 : 1 / n", .int(1)),
        ("[1, 2, 0].exists(x, 4 / x == 2)", .bool(true)),
        ("[0, 1].all(x, 4 / x == 2)", .bool(false)),
    ])
    /// Decisive operands absorb errors on the other side.
    func errorsAreAbsorbed(_ source: String, _ expected: CELValue) throws {
        #expect(try Self.run(source).get() == expected)
    }

    @Test(arguments: [
        ("1 / n == 1 && true", "division by zero", 3),
        ("true && 1 / n == 1", "division by zero", 11),
        ("9223372036854775807 + 1", "integer overflow", 21),
        ("0u - 1u", "integer overflow", 4),
        ("-(-9223372036854775807 - 1)", "integer overflow", 1),
        ("event.missing", "no such key: 'missing'", 6),
        ("member.tags[5]", "index out of range", 12),
        ("[1, 2].all(x, 4 / (x - 1) > 0)", "division by zero", 17),
        ("int('abc')", "not an int", 1),
        ("timestamp('yesterday')", "invalid timestamp", 1),
        ("{'a': 1, 'a': 2}", "repeated key", 10),
    ])
    /// Evaluation errors carry the failing operator's position.
    func errorsReportPosition(_ source: String, _ fragment: String, _ column: Int) throws {
        guard case .failure(let error) = Self.run(source) else {
            Issue.record("expected an error for \(source)")
            return
        }
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.kind == .evaluation && error.line == 1 && error.column == column, "\(error)")
    }

    @Test(arguments: [
        ("member.tags.all(t, t.size() > 3)", CELValue.bool(true)),
        ("member.tags.exists(t, t.startsWith('ru'))", .bool(true)),
        ("member.tags.exists_one(t, t.contains('s'))", .bool(false)),
        ("member.tags.map(t, size(t))", .list([.int(5), .int(5)])),
        ("[1, 2, 3, 4].map(x, x % 2 == 0, x * 10)", .list([.int(20), .int(40)])),
        ("[1, 2, 3, 4].filter(x, x > 2)", .list([.int(3), .int(4)])),
        ("{'a': 1, 'b': 2}.filter(k, k != 'a')", .list([.string("b")])),
        ("[[1, 2], [3]].map(l, l.map(x, x * 2))", .list([.list([.int(2), .int(4)]), .list([.int(6)])])),
        ("[1, 2].exists(x, [2, 3].exists(y, x == y))", .bool(true)),
        ("has(member.profile.city) && !has(member.profile.zip)", .bool(true)),
        ("'rules' in member.tags && 'city' in member.profile", .bool(true)),
        ("member.name.matches('^A[a-z]+$')", .bool(true)),
        ("member.name + ' (' + member.tier + ')'", .string("Ada (peripheral)")),
        ("size(member.tags) == 2 && member.tags.size() == 2", .bool(true)),
        ("type(member) == map && type(1u) == uint", .bool(true)),
        ("1 == 1.0 && 2u < 3 && 2.5 > 2", .bool(true)),
        ("string(duration('1h30m')) + ' ' + string(3.5)", .string("5400s 3.5")),
    ])
    /// Macros and functions on rule-shaped data.
    func macrosAndFunctions(_ source: String, _ expected: CELValue) throws {
        #expect(try Self.run(source).get() == expected)
    }

    @Test func programIsReusableAcrossActivations() throws {
        let program = try CELProgram.compile("n * 2 + 1", declarations: CELTestSupport.declarations)
        #expect(program.resultType == .int)
        for value in [Int64(0), 5, -3] {
            #expect(try program.evaluate(["n": .int(value)]).get() == .int(value * 2 + 1))
        }
        guard case .failure(let error) = program.evaluate([:]) else {
            Issue.record("expected a missing-variable error")
            return
        }
        #expect(error.message == "no value bound for variable 'n'")
    }

    @Test func conditionMustBeBool() throws {
        let program = try CELProgram.compile("n + 1", declarations: CELTestSupport.declarations)
        guard case .failure(let error) = program.evaluateCondition(CELActivation(["n": .int(1)])) else {
            Issue.record("expected an error")
            return
        }
        #expect(error.message.contains("must evaluate to a bool"))
        let condition = try CELProgram.compile("n > 0", declarations: CELTestSupport.declarations)
        #expect(try condition.evaluateCondition(CELActivation(["n": .int(1)])).get() == true)
    }

    @Test func benchmarkReportsPercentiles() {
        let report = CELBenchmark.run(iterations: 200)
        #expect(report.contains("p99"), "\(report)")
        #expect(report.contains("(true: 200)"), "\(report)")
    }
}

/// Static typing with `dyn` operands stays permissive where run-time types decide the overload.
struct CELDynTypingTests {
    /// `timestamp - dyn` may be a duration, so comparing it with a duration compiles and works.
    @Test func timestampMinusDynCanBeDuration() throws {
        let declarations = CELDeclarations(["event": .dyn, "now": .timestamp])
        let program = try CELProgram.compile("now - event.at > duration('1h')", declarations: declarations)
        let result = program.evaluate([
            "event": .record(["at": CELTestSupport.timestamp("2026-01-01T00:00:00Z")]),
            "now": CELTestSupport.timestamp("2026-01-01T02:00:00Z"),
        ])
        #expect(try result.get() == .bool(true))
    }
}

/// A program knows which variables it reads, so a caller binds only those.
struct CELVariablesReadTests {
    private let declarations = CELDeclarations([
        "member": .map(.string, .dyn), "members": .list(.dyn), "community": .map(.string, .dyn), "now": .timestamp,
        "a.b": .dyn,
    ])

    @Test func declaredVariablesOnlyNotComprehensionsOrFields() throws {
        let program = try CELProgram.compile(
            "members.exists(m, m.name == member.name) && .community.name != 'member' && a.b.c > 0",
            declarations: declarations)
        #expect(program.variablesRead == ["members", "member", "community", "a.b"])
    }

    @Test func aProgramWithoutVariablesReadsNone() throws {
        #expect(try CELProgram.compile("1 + 2 == 3", declarations: declarations).variablesRead.isEmpty)
    }

    @Test func uncheckedNamesCountEveryPrefixTheyMayBindTo() throws {
        let program = try CELProgram.compile("x.y.z == 1", declarations: CELDeclarations(typeChecking: false))
        #expect(program.variablesRead == ["x", "x.y", "x.y.z"])
        #expect(try program.evaluate(["x.y": .record(["z": .int(1)])]).get() == .bool(true))
    }
}
