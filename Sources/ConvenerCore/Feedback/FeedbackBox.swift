import Foundation

/// The durable state of anonymous feedback notes, inside `CommunityState`.
public struct FeedbackBox: Codable, Sendable, Equatable {
    /// Nothing yet.
    public init() {}

    /// Applies one fact.
    mutating func apply(_ fact: FeedbackFact) {}

    /// Deletes what is stored about `member` (`/cop me forget`).
    mutating func forget(_ member: MemberID) {}
}
