import ConvenerCore
import Foundation

/// The links Convener's mails carry: a member's confirmation link and their signed one-click unsubscribe link.
///
/// The unsubscribe link is signed with an HMAC of the community and member under the operator's `email.link_key`,
/// so it works without a login, cannot be forged for another member, and nothing secret is stored: changing the key
/// revokes every link at once.
public struct MailLinks: Sendable {
    /// Convener's public address, without a trailing slash (`https://cop.example.org`).
    public let baseURL: String
    /// The signing key, from the environment or a file.
    let key: String

    /// Links under `baseURL`, signed with `key`.
    public init(baseURL: String, key: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.key = key
    }

    /// Where a member confirms their address: `/email/confirm/{community}/{token}`.
    public func confirmation(community: String, token: String) -> String {
        "\(baseURL)/email/confirm/\(community)/\(token)"
    }

    /// Where `member` unsubscribes: `/email/unsubscribe/{community}/{member, base64url}/{signature}`.
    public func unsubscribe(community: String, member: MemberID) -> String {
        let encoded = Self.base64URL(Array(member.rawValue.utf8))
        return "\(baseURL)/email/unsubscribe/\(community)/\(encoded)/\(signature(community: community, member: member))"
    }

    /// The member an unsubscribe link names, when its signature is right (compared in constant time).
    public func member(community: String, encoded: String, signature candidate: String) -> MemberID? {
        guard let bytes = Self.bytes(base64URL: encoded), let raw = String(bytes: bytes, encoding: .utf8),
            raw.contains(":")
        else { return nil }
        let member = MemberID(rawValue: raw)
        let expected = signature(community: community, member: member)
        return SecretCrypto.constantTimeEquals(Array(candidate.utf8), Array(expected.utf8)) ? member : nil
    }

    /// 32 hex characters (128 bits) of HMAC-SHA256.
    private func signature(community: String, member: MemberID) -> String {
        let mac = SecretCrypto.hmacSHA256(
            key: Array(key.utf8), message: Array("convener-unsubscribe:\(community):\(member.rawValue)".utf8))
        return SecretCrypto.hex(mac.prefix(16))
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func bytes(base64URL text: String) -> [UInt8]? {
        guard text.count <= 400 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
