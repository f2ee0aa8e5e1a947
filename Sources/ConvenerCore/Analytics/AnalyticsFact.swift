import Foundation

/// A change to the community's weekly history, journaled inside `Fact`. No case names a member.
public enum AnalyticsFact: Codable, Sendable, Equatable {
    /// A week ended: its aggregate joins the history and counting goes on in the next week.
    case weekClosed(WeeklyAggregate)
    /// A member left the community's channel or workspace (counted, never who).
    case memberLeft
}
