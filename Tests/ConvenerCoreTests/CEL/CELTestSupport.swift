@testable import ConvenerCore

/// Shared helpers for the CEL tests.
enum CELTestSupport {
    /// Declarations resembling the rule engine's: a typed member, a free-form event and `now`.
    static let declarations = CELDeclarations([
        "member": .object(
            name: "member",
            fields: [
                "tier": .string, "lastActiveAt": .timestamp, "name": .string, "tags": .list(.string),
                "profile": .map(.string, .dyn),
            ]),
        "event": .dyn,
        "now": .timestamp,
        "n": .int,
    ])

    /// Compiles and evaluates `source`, returning the value or the error.
    static func evaluate(
        _ source: String, _ variables: [String: CELValue] = [:],
        declarations: CELDeclarations = declarations
    ) -> Result<CELValue, CELError> {
        do throws(CELError) {
            return try CELProgram.compile(source, declarations: declarations).evaluate(variables)
        } catch {
            return .failure(error)
        }
    }

    /// The compile error of `source`, or nil if it compiles.
    static func compileError(_ source: String, declarations: CELDeclarations = declarations) -> CELError? {
        do throws(CELError) {
            _ = try CELProgram.compile(source, declarations: declarations)
            return nil
        } catch {
            return error
        }
    }

    /// A timestamp value parsed from RFC 3339 (null if malformed).
    static func timestamp(_ text: String) -> CELValue {
        CELTimestamp(parsing: text).map(CELValue.timestamp) ?? .null
    }
}
