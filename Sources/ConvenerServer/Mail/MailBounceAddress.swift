import ConvenerCore
import Foundation

/// The envelope sender of a member's mail, VERP-style: `bounces+TOKEN@example.org` from `email.bounce_address`, where
/// the token is an HMAC-SHA256 of the community and the recipient's address under `email.link_key`.
///
/// A bounce that arrives later (an RFC 3464 report, days after the server accepted the mail) is addressed to that
/// envelope sender, so the token says which community and address it is about without Convener storing anything
/// per mail; one that matches no address a community holds is forged or stale and is refused before its report is
/// read. The same key also gives the secret the MTA's hand-off (`convener email bounce`) proves itself with.
public struct MailBounceAddress: Sendable {
    /// The mailbox bounces go to, e.g. `bounces@example.org`.
    public let mailbox: String
    /// The signing key (`email.link_key`).
    let key: String

    /// VERP addresses on `mailbox`, signed with `key`.
    public init(mailbox: String, key: String) {
        self.mailbox = mailbox
        self.key = key
    }

    /// The envelope sender of a mail to `address` from `community`.
    public func sender(community: String, to address: String) -> String {
        let (local, domain) = parts
        return "\(local)+\(token(community: community, address: address))@\(domain)"
    }

    /// The token in `recipient` when it is one of this mailbox's VERP addresses (case-insensitive), else nil.
    public func token(in recipient: String) -> String? {
        let (local, domain) = parts
        let address = recipient.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t")).lowercased()
        let prefix = "\(local.lowercased())+"
        let suffix = "@\(domain.lowercased())"
        guard address.hasPrefix(prefix), address.hasSuffix(suffix), address.count > prefix.count + suffix.count
        else { return nil }
        let token = String(address.dropFirst(prefix.count).dropLast(suffix.count))
        return token.count == 20 && SecretCrypto.bytes(hex: token) != nil ? token : nil
    }

    /// Whether `token` is the one for `address` in `community`, compared in constant time.
    public func matches(_ token: String, community: String, address: String) -> Bool {
        SecretCrypto.constantTimeEquals(
            Array(token.utf8), Array(self.token(community: community, address: address).utf8))
    }

    /// The bearer secret of `POST /email/bounces`: derived from the key, so the MTA's side needs only the config.
    public var endpointSecret: String {
        SecretCrypto.hex(SecretCrypto.hmacSHA256(key: Array(key.utf8), message: Array("convener-bounce-endpoint".utf8)))
    }

    /// 20 hex characters (80 bits): the local part stays far below RFC 5321's 64 octets.
    private func token(community: String, address: String) -> String {
        let mac = SecretCrypto.hmacSHA256(
            key: Array(key.utf8), message: Array("convener-bounce:\(community):\(address.lowercased())".utf8))
        return SecretCrypto.hex(mac.prefix(10))
    }

    private var parts: (local: String, domain: String) {
        let split = mailbox.split(separator: "@", maxSplits: 1)
        return (String(split.first ?? ""), String(split.count > 1 ? split[1] : ""))
    }
}
