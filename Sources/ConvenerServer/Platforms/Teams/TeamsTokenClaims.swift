import Foundation
import JWTKit

/// The claims of a Bot Framework token that Convener checks.
public struct TeamsTokenClaims: JWTPayload, Equatable {
    /// The issuer.
    public var iss: String?
    /// The audience: one app id or several.
    public var aud: [String]?
    /// When the token expires.
    public var exp: Date?
    /// When the token becomes valid.
    public var nbf: Date?
    /// The connector the activity came through; must equal the activity's `serviceUrl`.
    public var serviceURL: String?

    enum CodingKeys: String, CodingKey {
        case iss, aud, exp, nbf
        case serviceURL = "serviceurl"
    }

    /// Claims, for tests that sign tokens.
    public init(iss: String?, aud: [String]?, exp: Date?, nbf: Date?, serviceURL: String?) {
        self.iss = iss
        self.aud = aud
        self.exp = exp
        self.nbf = nbf
        self.serviceURL = serviceURL
    }

    /// Decodes the claims; `aud` may be a string or a list, times are seconds since 1970.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iss = try container.decodeIfPresent(String.self, forKey: .iss)
        if let one = try? container.decodeIfPresent(String.self, forKey: .aud) {
            aud = [one]
        } else {
            aud = try container.decodeIfPresent([String].self, forKey: .aud)
        }
        exp = try container.decodeIfPresent(Double.self, forKey: .exp).map(Date.init(timeIntervalSince1970:))
        nbf = try container.decodeIfPresent(Double.self, forKey: .nbf).map(Date.init(timeIntervalSince1970:))
        serviceURL = try container.decodeIfPresent(String.self, forKey: .serviceURL)
    }

    /// Encodes the claims in the same shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(iss, forKey: .iss)
        try container.encodeIfPresent(aud, forKey: .aud)
        try container.encodeIfPresent(exp?.timeIntervalSince1970, forKey: .exp)
        try container.encodeIfPresent(nbf?.timeIntervalSince1970, forKey: .nbf)
        try container.encodeIfPresent(serviceURL, forKey: .serviceURL)
    }

    // The time and audience checks need the validator's clock and app id, so they run there, after the signature.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
