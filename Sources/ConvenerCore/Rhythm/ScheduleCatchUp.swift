import Foundation

/// A schedule's catch-up settings, and the pure decision of what to fire after the daemon was down.
///
/// The decision looks at every instant in `(since, now]`, where `since` is the ledger's resume point (see
/// `ScheduleFireLedger`): instants later than `maxLateness` are skipped as `tooLate`; of the rest, fires found
/// within `onTimeTolerance` of their instant are on time; the others were missed and the policy decides.
public struct ScheduleCatchUp: Codable, Sendable, Equatable {
    /// The most missed instants that policy `all` fires at once; older ones are skipped as `overCap`.
    public static let allCap = 100
    /// How late a fire may be found and still count as on time (the scheduler wakes a little after each due time).
    public static let defaultOnTimeTolerance: TimeInterval = 60
    /// How many instants one plan enumerates before it counts the oldest ones as a group of unknown size.
    public static let enumerationBudget = 100_000

    /// What to do with missed instants.
    public var policy: CatchUpPolicy
    /// Instants older than this (in seconds, relative to `now`) are never fired; `nil` means no limit.
    public var maxLateness: TimeInterval?
    /// Fires found at most this many seconds after their instant are on time under every policy.
    public var onTimeTolerance: TimeInterval

    /// Creates catch-up settings; the defaults are policy `latest`, no lateness limit, a 60 s tolerance.
    public init(
        policy: CatchUpPolicy = .standard,
        maxLateness: TimeInterval? = nil,
        onTimeTolerance: TimeInterval = ScheduleCatchUp.defaultOnTimeTolerance
    ) {
        self.policy = policy
        self.maxLateness = maxLateness
        self.onTimeTolerance = onTimeTolerance
    }

    /// Decides which instants of `timeline` in `(since, now]` to fire now and which to skip.
    ///
    /// A clock that went backwards (`now < since`) fires nothing and keeps `since` as the resume point.
    public func plan(timeline: some ScheduleTimeline, since: Date, now: Date) -> CatchUpPlan {
        guard now > since else {
            return CatchUpPlan(
                since: since, now: now, fire: [], skipped: [], coveredThrough: nil,
                nextDue: timeline.nextFire(after: since))
        }
        var groups = CatchUpSkipGroups()
        var exact = true
        var instants = Self.instants(of: timeline, after: since, through: now, budget: Self.enumerationBudget)
        if instants == nil {
            exact = false
            let tail = tailInstants(of: timeline, since: since, now: now)
            if let first = timeline.nextFire(after: since), let tailStart = tail.start, first <= tailStart {
                let count = max(1, Self.enumerationBudget - tail.instants.count)
                groups.add(gapReason(gapEnd: tailStart, now: now), count: count, earliest: first, latest: tailStart)
            }
            instants = tail.instants
        }
        let all = instants ?? []
        let fire = classify(all, now: now, into: &groups)
        return CatchUpPlan(
            since: since, now: now, fire: fire, skipped: groups.groups, coveredThrough: all.last,
            nextDue: timeline.nextFire(after: now), countsAreExact: exact)
    }

    private func classify(_ instants: [Date], now: Date, into groups: inout CatchUpSkipGroups) -> [Date] {
        var candidates: [Date] = []
        for instant in instants {
            if let maxLateness, now.timeIntervalSince(instant) > maxLateness {
                groups.add(.tooLate, instant)
            } else {
                candidates.append(instant)
            }
        }
        let eligible: ArraySlice<Date>
        switch policy {
        case .none:
            let firstOnTime = candidates.firstIndex { now.timeIntervalSince($0) <= onTimeTolerance }
            let cut = firstOnTime ?? candidates.endIndex
            for instant in candidates[..<cut] { groups.add(.policyNone, instant) }
            eligible = candidates[cut...]
        case .latest:
            for instant in candidates.dropLast() { groups.add(.superseded, instant) }
            eligible = candidates.suffix(1)
        case .all:
            eligible = candidates[...]
        }
        for instant in eligible.dropLast(Self.allCap) { groups.add(.overCap, instant) }
        return Array(eligible.suffix(Self.allCap))
    }

    // Instants before the tail that was enumerated: all too late if the tail starts beyond maxLateness,
    // otherwise dropped by the policy in favour of the newer ones in the tail.
    private func gapReason(gapEnd: Date, now: Date) -> CatchUpSkip.Reason {
        if let maxLateness, now.timeIntervalSince(gapEnd) > maxLateness { return .tooLate }
        switch policy {
        case .none: return .policyNone
        case .latest: return .superseded
        case .all: return .overCap
        }
    }

    // The most recent instants before `now`, found by doubling a look-back window until it holds more than the
    // cap (or reaches `since`), for downtimes too long to enumerate from the start.
    private func tailInstants(of timeline: some ScheduleTimeline, since: Date, now: Date)
        -> (start: Date?, instants: [Date])
    {
        var window: TimeInterval = 3_600
        while true {
            let start = max(since, now.addingTimeInterval(-window))
            if let found = Self.instants(of: timeline, after: start, through: now, budget: Self.enumerationBudget),
                found.count > Self.allCap || start == since
            {
                return (start == since ? nil : start, found)
            }
            if start == since { return (nil, []) }
            window *= 2
        }
    }

    private static func instants(of timeline: some ScheduleTimeline, after start: Date, through end: Date, budget: Int)
        -> [Date]?
    {
        var result: [Date] = []
        var cursor = start
        while let next = timeline.nextFire(after: cursor), next <= end {
            guard result.count < budget else { return nil }
            result.append(next)
            cursor = next
        }
        return result
    }
}

/// Collects skipped instants into runs of the same reason.
private struct CatchUpSkipGroups {
    var groups: [CatchUpSkip] = []

    mutating func add(_ reason: CatchUpSkip.Reason, _ instant: Date) {
        add(reason, count: 1, earliest: instant, latest: instant)
    }

    mutating func add(_ reason: CatchUpSkip.Reason, count: Int, earliest: Date, latest: Date) {
        if let last = groups.indices.last, groups[last].reason == reason {
            groups[last].count += count
            groups[last].latest = latest
        } else {
            groups.append(CatchUpSkip(reason: reason, count: count, earliest: earliest, latest: latest))
        }
    }
}
