import ConvenerCore
import Foundation

/// Checks Slack's request signing (v0): `X-Slack-Signature = v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))`.
public struct SlackVerifier: Sendable {
    /// The header carrying the signature.
    public static let signatureHeader = "X-Slack-Signature"
    /// The header carrying the Unix time the request was signed.
    public static let timestampHeader = "X-Slack-Request-Timestamp"

    private let secret: [UInt8]
    private let tolerance: TimeInterval

    /// A verifier for the app's signing secret (Basic Information → App Credentials → Signing Secret).
    public init(signingSecret: String, tolerance: TimeInterval = 300) {
        self.secret = Array(signingSecret.utf8)
        self.tolerance = tolerance
    }

    /// Verifies the raw body against the two headers; throws before any parsing happens.
    public func verify(body: Data, timestamp: String?, signature: String?, now: Date)
        throws(PlatformVerificationError)
    {
        guard let signature else { throw .missingHeader(Self.signatureHeader) }
        try PlatformCrypto.checkFreshness(timestamp, name: Self.timestampHeader, now: now, tolerance: tolerance)
        guard signature.hasPrefix("v0="), let sent = SecretCrypto.bytes(hex: signature.dropFirst(3)),
            sent.count == 32
        else {
            throw .malformedHeader(name: Self.signatureHeader, reason: "must be 'v0=' followed by 64 hex digits")
        }
        let expected = Self.mac(secret: secret, timestamp: timestamp ?? "", body: body)
        guard SecretCrypto.constantTimeEquals(sent, expected) else { throw .signatureMismatch }
    }

    /// The signature Slack would send for `body` at `timestamp` (for fakes and tests).
    public static func signature(signingSecret: String, timestamp: String, body: Data) -> String {
        "v0=" + SecretCrypto.hex(mac(secret: Array(signingSecret.utf8), timestamp: timestamp, body: body))
    }

    private static func mac(secret: [UInt8], timestamp: String, body: Data) -> [UInt8] {
        var message = Data("v0:\(timestamp):".utf8)
        message.append(body)
        return SecretCrypto.hmacSHA256(key: secret, message: message)
    }
}
