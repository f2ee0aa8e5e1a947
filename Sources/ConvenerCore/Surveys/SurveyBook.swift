import Foundation

/// The durable state of surveys, inside `CommunityState`.
public struct SurveyBook: Codable, Sendable, Equatable {
    /// Nothing yet.
    public init() {}

    /// Applies one fact.
    mutating func apply(_ fact: SurveyFact) {}

    /// Deletes what is stored about `member` (`/cop me forget`).
    mutating func forget(_ member: MemberID) {}
}
