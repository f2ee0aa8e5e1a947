import Foundation

/// A change to members' mail subscriptions.
public enum MailFact: Codable, Sendable, Equatable {
    /// A member gave an address; a confirmation link (its token's hash here) was mailed to it.
    case addressRequested(member: MemberID, address: String, tokenHash: String, expiresAt: Date)
    /// The member opened the link and confirmed the address.
    case addressConfirmed(member: MemberID, at: Date)
    /// The address is gone: the member turned mail off, unsubscribed, or the mail server refused it.
    case addressRemoved(member: MemberID)
}
