/// Why a verified request could not be turned into an input; the HTTP layer answers 400 with `description`.
public enum PlatformParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not the encoding the endpoint expects (JSON, form fields).
    case malformedBody(String)
    /// A required field is absent or null; the associated value is its path, e.g. `event.user`.
    case missingField(String)
    /// A field has the wrong JSON type.
    case wrongType(field: String, expected: String)
    /// A field is present but its value cannot be used.
    case invalidValue(field: String, reason: String)
    /// The payload is of a kind this endpoint does not handle.
    case unsupported(String)

    /// The HTTP status the edge answers with.
    public var httpStatus: Int { 400 }

    public var description: String {
        switch self {
        case .malformedBody(let reason): "Malformed request body: \(reason)"
        case .missingField(let field): "Missing field '\(field)'."
        case .wrongType(let field, let expected): "Field '\(field)' must be \(expected)."
        case .invalidValue(let field, let reason): "Field '\(field)' \(reason)."
        case .unsupported(let what): "Unsupported payload: \(what)."
        }
    }
}
