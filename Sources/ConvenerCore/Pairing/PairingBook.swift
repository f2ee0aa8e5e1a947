import Foundation

/// The durable state of pairing programs, inside `CommunityState`.
public struct PairingBook: Codable, Sendable, Equatable {
    /// Nothing yet.
    public init() {}

    /// Applies one fact.
    mutating func apply(_ fact: PairingFact) {}

    /// Deletes what is stored about `member` (`/cop me forget`).
    mutating func forget(_ member: MemberID) {}
}
