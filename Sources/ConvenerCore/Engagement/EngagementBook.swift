import Foundation

/// The durable state of tiers, kudos, celebrations, the roster and the round-up, inside `CommunityState`.
public struct EngagementBook: Codable, Sendable, Equatable {
    /// Nothing yet.
    public init() {}

    /// Applies one fact.
    mutating func apply(_ fact: EngagementFact) {}

    /// Deletes what is stored about `member` (`/cop me forget`).
    mutating func forget(_ member: MemberID) {}
}
