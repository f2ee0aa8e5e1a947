/// Why a Bot Framework request's token was refused; every case answers 401 and changes nothing.
public enum TeamsAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingToken
    case malformedToken(String)
    case unsupportedAlgorithm(String)
    case unknownKey(String)
    case keysUnavailable(String)
    case badSignature
    case wrongIssuer(String)
    case wrongAudience
    case expired
    case notYetValid
    case serviceURLMismatch

    /// One sentence for the log (never the token itself).
    public var description: String {
        switch self {
        case .missingToken: "no 'Authorization: Bearer' token"
        case .malformedToken(let why): "the token is not a JWT: \(why)"
        case .unsupportedAlgorithm(let alg): "the token is signed with \(alg); Bot Framework signs with RS256"
        case .unknownKey(let kid): "no Bot Framework key has id '\(kid)', even after refreshing the keys"
        case .keysUnavailable(let why): "the Bot Framework keys could not be fetched: \(why)"
        case .badSignature: "the token's signature does not verify"
        case .wrongIssuer(let issuer): "the token was issued by '\(issuer)', not https://api.botframework.com"
        case .wrongAudience: "the token is for another bot (its audience is not this app id)"
        case .expired: "the token has expired (more than 5 minutes ago)"
        case .notYetValid: "the token is not valid yet (more than 5 minutes ahead)"
        case .serviceURLMismatch: "the token's serviceurl claim differs from the activity's serviceUrl"
        }
    }
}
