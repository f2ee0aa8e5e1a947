import Foundation

/// A member's address for the round-up by mail: waiting for its confirmation link, or confirmed.
public struct MailSubscription: Codable, Sendable, Equatable {
    /// The address.
    public var address: String
    /// When the member confirmed it; nil while the confirmation link is pending.
    public var confirmedAt: Date?
    /// The SHA-256 (hex) of the pending confirmation token; the token itself travels only in the mail.
    public var tokenHash: String?
    /// When the pending confirmation link stops working.
    public var expiresAt: Date?

    /// A subscription waiting for its confirmation.
    public init(address: String, tokenHash: String, expiresAt: Date) {
        self.address = address
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }

    /// Whether mail goes to the address.
    public var isConfirmed: Bool { confirmedAt != nil }
}
