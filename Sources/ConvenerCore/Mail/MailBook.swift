import Foundation

/// Members' addresses for the round-up by mail, by member.
public struct MailBook: Codable, Sendable, Equatable {
    /// Each member's address, pending or confirmed.
    public var subscriptions: [MemberID: MailSubscription] = [:]

    /// No addresses yet.
    public init() {}

    /// Applies one change.
    public mutating func apply(_ fact: MailFact) {
        switch fact {
        case .addressRequested(let member, let address, let tokenHash, let expiresAt):
            subscriptions[member] = MailSubscription(address: address, tokenHash: tokenHash, expiresAt: expiresAt)
        case .addressConfirmed(let member, let at):
            subscriptions[member]?.confirmedAt = at
            subscriptions[member]?.tokenHash = nil
            subscriptions[member]?.expiresAt = nil
        case .addressRemoved(let member):
            subscriptions[member] = nil
        }
    }

    /// Deletes the member's address.
    public mutating func forget(_ member: MemberID) {
        subscriptions[member] = nil
    }

    /// The member's address once they confirmed it.
    public func confirmedAddress(of member: MemberID) -> String? {
        subscriptions[member].flatMap { $0.isConfirmed ? $0.address : nil }
    }

    /// The members whose confirmed addresses get the round-up, in a stable order.
    public var confirmed: [(member: MemberID, address: String)] {
        subscriptions.filter { $0.value.isConfirmed }.sorted { $0.key < $1.key }.map { ($0.key, $0.value.address) }
    }

    /// The member whose pending confirmation has the token hashing to `tokenHash`.
    public func member(pendingTokenHash tokenHash: String) -> MemberID? {
        subscriptions.first { entry in
            entry.value.tokenHash.map { SecretCrypto.secretsEqual($0, tokenHash) } ?? false
        }?.key
    }

    /// What `/cop me` shows about the member's mail.
    func memberDataLines(_ member: MemberID) -> [String] {
        guard let subscription = subscriptions[member] else { return [] }
        return [
            "\(subscription.address), "
                + (subscription.isConfirmed ? "confirmed: the round-up comes by mail" : "waiting for confirmation")
        ]
    }
}
