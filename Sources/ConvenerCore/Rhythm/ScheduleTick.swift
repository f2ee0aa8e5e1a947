import Foundation

/// Everything one schedule does at one moment: catch-up, holidays and postponed fires together.
public struct ScheduleTick: Sendable, Equatable {
    /// The catch-up decision for the schedule's own instants.
    public var plan: CatchUpPlan
    /// The runs to perform now, in instant order; already recorded in the ledger.
    public var runs: [ScheduledRun]
    /// Instants dropped because they fell on a holiday and the rule skips holidays.
    public var holidaySkips: [PostponedFire]
    /// Instants moved off a holiday, to run at their `due` time.
    public var postponed: [PostponedFire]
    /// Postponed fires that became due together with another run of this tick and were merged into it.
    public var merged: [PostponedFire]
    /// Postponed fires found later than the schedule's `maxLateness` after their due time, dropped.
    public var tooLate: [PostponedFire]
    /// The next time the schedule needs a tick: its next instant or the earliest postponed fire.
    public var nextDue: Date?

    /// Creates a tick outcome.
    public init(
        plan: CatchUpPlan, runs: [ScheduledRun] = [], holidaySkips: [PostponedFire] = [],
        postponed: [PostponedFire] = [], merged: [PostponedFire] = [], tooLate: [PostponedFire] = [],
        nextDue: Date? = nil
    ) {
        self.plan = plan
        self.runs = runs
        self.holidaySkips = holidaySkips
        self.postponed = postponed
        self.merged = merged
        self.tooLate = tooLate
        self.nextDue = nextDue
    }
}
