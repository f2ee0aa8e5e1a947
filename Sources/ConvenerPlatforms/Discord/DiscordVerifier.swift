import ConvenerCore
import Crypto
import Foundation

/// Checks Discord's interaction signatures: Ed25519 over `X-Signature-Timestamp` + raw body, with the application's
/// public key; timestamps further than 300 s from now are refused too, so captured requests cannot be replayed later.
public struct DiscordVerifier: Sendable {
    /// The header carrying the hex signature.
    public static let signatureHeader = "X-Signature-Ed25519"
    /// The header carrying the Unix time the request was signed.
    public static let timestampHeader = "X-Signature-Timestamp"

    private let key: Curve25519.Signing.PublicKey
    private let tolerance: TimeInterval

    /// A verifier for the application's public key (Developer Portal → General Information), as 64 hex digits.
    public init(publicKeyHex: String, tolerance: TimeInterval = 300) throws(PlatformParseError) {
        guard let bytes = SecretCrypto.bytes(hex: publicKeyHex.trimmingCharacters(in: .whitespacesAndNewlines)),
            bytes.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        else {
            throw .invalidValue(
                field: "DISCORD_PUBLIC_KEY", reason: "must be the application's public key: 64 hex digits")
        }
        self.key = key
        self.tolerance = tolerance
    }

    /// Verifies the raw body against the two headers; throws before any parsing happens.
    public func verify(body: Data, signature: String?, timestamp: String?, now: Date)
        throws(PlatformVerificationError)
    {
        guard let signature else { throw .missingHeader(Self.signatureHeader) }
        try PlatformCrypto.checkFreshness(timestamp, name: Self.timestampHeader, now: now, tolerance: tolerance)
        guard let sent = SecretCrypto.bytes(hex: signature), sent.count == 64 else {
            throw .malformedHeader(name: Self.signatureHeader, reason: "must be 128 hex digits")
        }
        var message = Data((timestamp ?? "").utf8)
        message.append(body)
        guard key.isValidSignature(sent, for: message) else { throw .signatureMismatch }
    }
}
