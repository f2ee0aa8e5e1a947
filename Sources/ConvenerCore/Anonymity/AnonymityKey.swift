import Foundation

/// The secret of one open anonymous poll or survey: it turns a member id into a participation token that only
/// this key can recompute, and it is destroyed (with every token-to-choice link) when the poll or survey closes.
public struct AnonymityKey: Codable, Sendable, Equatable {
    private let bytes: [UInt8]

    /// A fresh 256-bit key.
    public init(randomness: CommunityRandomness) {
        bytes = randomness.bytes(32)
    }

    /// The participation token of `member` in `scope` (a poll or survey id): `HMAC-SHA256(key, scope‖0‖member)`
    /// in lowercase hex. Without the key, the token says nothing about the member.
    public func token(scope: String, member: MemberID) -> String {
        let message = Array(scope.utf8) + [0] + Array(member.rawValue.utf8)
        return SecretCrypto.hex(SecretCrypto.hmacSHA256(key: bytes, message: message))
    }

    /// A 256-bit key for sealing the pool file `pool` (an answer or note waiting for its batch) with an AEAD:
    /// `HMAC-SHA256(key, "convener.pool"‖0‖pool)`. It is as short-lived as this key, and it never equals a token.
    public func sealingKey(pool: String) -> [UInt8] {
        SecretCrypto.hmacSHA256(key: bytes, message: Array("convener.pool".utf8) + [0] + Array(pool.utf8))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let data = Data(base64Encoded: text), data.count == 32 else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "an anonymity key must be 32 bytes in base64"))
        }
        bytes = Array(data)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Data(bytes).base64EncodedString())
    }
}
