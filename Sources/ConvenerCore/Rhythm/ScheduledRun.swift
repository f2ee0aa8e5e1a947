import Foundation

/// One run of a scheduled rule's actions, decided by `ScheduleFireLedger.tick`.
public struct ScheduledRun: Codable, Sendable, Hashable {
    /// The schedule instant being run (for a postponed fire: its original instant).
    public var instant: Date
    /// The holiday it was postponed for, if it was.
    public var postponedFor: CommunityHoliday?

    /// Creates a run.
    public init(instant: Date, postponedFor: CommunityHoliday? = nil) {
        self.instant = instant
        self.postponedFor = postponedFor
    }
}
