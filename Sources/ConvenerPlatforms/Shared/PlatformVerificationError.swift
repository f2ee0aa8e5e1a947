/// Why an inbound request was not proven to come from the platform; the HTTP layer answers 401 and changes nothing.
public enum PlatformVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A header the scheme needs is absent.
    case missingHeader(String)
    /// A header is present but not in the expected form.
    case malformedHeader(name: String, reason: String)
    /// The request's timestamp is further than `tolerance` seconds from now (either direction).
    case staleTimestamp(skewSeconds: Int, toleranceSeconds: Int)
    /// The signature does not match the body and timestamp.
    case signatureMismatch
    /// No token was sent, in the header or the body.
    case missingToken
    /// A token was sent but it is not the configured one.
    case tokenMismatch
    /// A signed context or state that Convener itself issued is absent or altered.
    case forgedContext(String)
    /// A signed context was issued for another member than the one acting.
    case wrongMember

    /// The HTTP status the edge answers with.
    public var httpStatus: Int { 401 }

    public var description: String {
        switch self {
        case .missingHeader(let name): "Missing header \(name)."
        case .malformedHeader(let name, let reason): "Header \(name) \(reason)."
        case .staleTimestamp(let skew, let tolerance):
            "Request timestamp is \(skew) s away from the server clock (allowed: \(tolerance) s); "
                + "check the server's clock or replay protection rejected an old request."
        case .signatureMismatch: "Signature does not match the request body; check the configured secret or key."
        case .missingToken: "No verification token in the Authorization header or the 'token' field."
        case .tokenMismatch: "Verification token does not match the configured command token."
        case .forgedContext(let what): "The \(what) was not issued by this server or was altered."
        case .wrongMember: "This button or form was issued to another member."
        }
    }
}
