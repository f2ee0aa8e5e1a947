import Foundation

/// A schedule instant that fell on a holiday and runs later, at `due`.
public struct PostponedFire: Codable, Sendable, Hashable {
    /// The schedule's own instant (its identity, e.g. for idempotency keys).
    public var instant: Date
    /// When it runs instead.
    public var due: Date
    /// The holiday it was moved off.
    public var holiday: CommunityHoliday

    /// Creates a postponed fire.
    public init(instant: Date, due: Date, holiday: CommunityHoliday) {
        self.instant = instant
        self.due = due
        self.holiday = holiday
    }
}
