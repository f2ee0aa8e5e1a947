import Foundation

/// The durable state of polls, inside `CommunityState`.
public struct PollBook: Codable, Sendable, Equatable {
    /// Nothing yet.
    public init() {}

    /// Applies one fact.
    mutating func apply(_ fact: PollFact) {}

    /// Deletes what is stored about `member` (`/cop me forget`).
    mutating func forget(_ member: MemberID) {}
}
