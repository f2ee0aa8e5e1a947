import Testing

@testable import ConvenerCore

/// JSON input for `--vars` files and JSON rendering of results.
struct CELJSONTests {
    @Test func parsesJSONIntoValues() throws {
        let value = try CELJSON.value(
            fromJSON: """
                {"name": "Ada", "age": 36, "score": 4.5, "big": 18446744073709551615, "active": true,
                 "tags": ["a", null], "nested": {"z": 1, "a": 2}}
                """)
        guard case .map(let map) = value else {
            Issue.record("expected a map, got \(value)")
            return
        }
        #expect(map["name"] == .string("Ada"))
        #expect(map["age"] == .int(36))
        #expect(map["score"] == .double(4.5))
        #expect(map["big"] == .uint(UInt64.max))
        #expect(map["active"] == .bool(true))
        #expect(map["tags"] == .list([.string("a"), .null]))
        #expect(
            CELJSON.render(value) == #"{"active":true,"age":36,"big":18446744073709551615,"#
                + #""name":"Ada","nested":{"a":2,"z":1},"score":4.5,"tags":["a",null]}"#)
    }

    @Test func rejectsInvalidJSON() {
        #expect(throws: CELError.self) { try CELJSON.value(fromJSON: "{nope") }
    }

    @Test(arguments: [
        ("1 + 2", "3"),
        ("2.0 * 3.0", "6.0"),
        ("0.1 + 0.2", "0.30000000000000004"),
        ("1.0 / 0.0", #""+Infinity""#),
        ("7u", "7"),
        ("'a\"b\\n' + '\\t'", #""a\"b\n\t""#),
        ("b'hi'", #""aGk=""#),
        ("[1, 'two', null, true]", #"[1,"two",null,true]"#),
        ("{'b': 1, 2: [3], true: {}}", #"{"b":1,"2":[3],"true":{}}"#),
        ("timestamp('2026-05-01T12:00:00Z')", #""2026-05-01T12:00:00Z""#),
        ("duration('90m')", #""5400s""#),
        ("type(1)", #""int""#),
    ])
    /// Each value kind renders as the expected JSON.
    func rendersValues(_ source: String, _ expected: String) throws {
        #expect(CELJSON.render(try CELTestSupport.evaluate(source).get()) == expected)
    }

    @Test func evaluatesAgainstJSONVariables() throws {
        let member = try CELJSON.value(fromJSON: #"{"tier": "core", "posts": 12}"#)
        let program = try CELProgram.compile(
            "member.tier == 'core' && member.posts > 10",
            declarations: CELDeclarations(["member": .dyn]))
        #expect(try program.evaluate(["member": member]).get() == .bool(true))
    }
}
