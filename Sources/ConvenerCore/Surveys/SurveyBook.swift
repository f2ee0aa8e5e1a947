import Foundation

/// The durable state of surveys, inside `CommunityState`.
public struct SurveyBook: Codable, Sendable, Equatable {
    /// Nothing yet.
    public init() {}

    /// Applies one fact.
    mutating func apply(_ fact: SurveyFact) {}

    /// Deletes what is stored about `member` (`/cop me forget`).
    mutating func forget(_ member: MemberID) {}

    /// Lines for the weekly round-up about what happened between `since` and `until` (aggregates only; an
    /// anonymous result below its threshold k is left out).
    func digestLines(since: Date, until: Date) -> [String] { [] }

    /// What this feature stores about `member`, one line each, for `/cop me`.
    func memberDataLines(_ member: MemberID) -> [String] { [] }
}
