import Foundation

/// The durable record of what each schedule has fired, so that restarts neither repeat nor silently drop a fire.
///
/// The rule: the scheduler records a plan (`record(_:for:)`) and persists the ledger *before* it runs the
/// actions of the instants `record` returned, in the same journal record as their outbox entries. After a
/// restart, `plan(for:timeline:catchUp:now:)` resumes after the last instant that was fired or skipped, so an
/// instant that was recorded is never fired again, and one that was not is found and fired or reported.
/// A schedule the ledger has never seen is *armed* at `now`: it never fires for instants before it was added.
public struct ScheduleFireLedger: Codable, Sendable, Equatable {
    /// How many recent fires and skip groups each schedule keeps, for traces and `/cop` answers.
    public static let recentLimit = 20

    /// What the ledger knows about one schedule.
    public struct Entry: Codable, Sendable, Equatable {
        /// When the ledger first saw the schedule; instants at or before it never fire.
        public var armedAt: Date
        /// The latest instant that was fired or skipped; the next plan starts after it.
        public var handledThrough: Date?
        /// The latest instant that was fired.
        public var lastFired: Date?
        /// The most recent fired instants, oldest first, at most `recentLimit`.
        public var recentFires: [Date]
        /// The most recent groups of skipped instants, oldest first, at most `recentLimit`.
        public var recentSkips: [CatchUpSkip]
        /// Fires moved off a holiday that are not due yet, earliest due first.
        public var postponed: [PostponedFire]

        /// Creates an entry for a schedule first seen at `armedAt`.
        public init(
            armedAt: Date, handledThrough: Date? = nil, lastFired: Date? = nil, recentFires: [Date] = [],
            recentSkips: [CatchUpSkip] = [], postponed: [PostponedFire] = []
        ) {
            self.armedAt = armedAt
            self.handledThrough = handledThrough
            self.lastFired = lastFired
            self.recentFires = recentFires
            self.recentSkips = recentSkips
            self.postponed = postponed
        }

        /// Decodes an entry; ledgers written before postponement existed have no `postponed` list.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            armedAt = try container.decode(Date.self, forKey: .armedAt)
            handledThrough = try container.decodeIfPresent(Date.self, forKey: .handledThrough)
            lastFired = try container.decodeIfPresent(Date.self, forKey: .lastFired)
            recentFires = try container.decodeIfPresent([Date].self, forKey: .recentFires) ?? []
            recentSkips = try container.decodeIfPresent([CatchUpSkip].self, forKey: .recentSkips) ?? []
            postponed = try container.decodeIfPresent([PostponedFire].self, forKey: .postponed) ?? []
        }

        /// Where the next plan starts: after the last handled instant, or after arming.
        public var resumePoint: Date { handledThrough ?? armedAt }
    }

    /// The entries, by schedule id.
    public internal(set) var entries: [String: Entry]

    /// Creates a ledger, empty by default.
    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// The entry of `schedule`, if the ledger has seen it.
    public func entry(for schedule: String) -> Entry? { entries[schedule] }

    /// Starts tracking `schedule` at `now` unless it is already tracked; returns whether it was new.
    @discardableResult
    public mutating func arm(_ schedule: String, at now: Date) -> Bool {
        guard entries[schedule] == nil else { return false }
        entries[schedule] = Entry(armedAt: now)
        return true
    }

    /// Decides what `schedule` fires at `now`; a schedule the ledger has not seen yet fires nothing for the past.
    public func plan(
        for schedule: String, timeline: some ScheduleTimeline, catchUp: ScheduleCatchUp, now: Date
    ) -> CatchUpPlan {
        let since = entries[schedule]?.resumePoint ?? now
        return catchUp.plan(timeline: timeline, since: since, now: now)
    }

    /// Records `plan` for `schedule` and returns the instants whose actions should run now.
    ///
    /// Instants at or before the entry's resume point were already handled and are left out, so recording the
    /// same plan twice runs nothing the second time. Persist the ledger before running the returned instants.
    @discardableResult
    public mutating func record(_ plan: CatchUpPlan, for schedule: String) -> [Date] {
        var entry = entries[schedule] ?? Entry(armedAt: plan.since)
        let resume = entry.resumePoint
        let fresh = plan.fire.filter { $0 > resume }
        let freshSkips = plan.skipped.filter { $0.latest > resume }
        if let covered = plan.coveredThrough, covered > resume {
            entry.handledThrough = covered
        }
        if let last = fresh.last {
            entry.lastFired = max(entry.lastFired ?? last, last)
        }
        entry.recentFires = Array((entry.recentFires + fresh).suffix(Self.recentLimit))
        entry.recentSkips = Array((entry.recentSkips + freshSkips).suffix(Self.recentLimit))
        entries[schedule] = entry
        return fresh
    }

    /// Whether `instant` of `schedule` has been handled (fired or skipped) already.
    public func hasHandled(_ schedule: String, instant: Date) -> Bool {
        guard let entry = entries[schedule] else { return false }
        return instant <= entry.resumePoint
    }

    /// Drops the entries of schedules that are no longer configured.
    public mutating func retain(schedules: Set<String>) {
        entries = entries.filter { schedules.contains($0.key) }
    }
}
