import Foundation

/// One week of a community, as kept in its history: sizes taken from the state when the week closed, and the
/// week's counts. Figures only; no member is named.
public struct WeeklyAggregate: Codable, Sendable, Equatable {
    /// When the week began (Monday 00:00 in the community's time zone).
    public var start: Date
    /// When it ended (the next Monday 00:00).
    public var end: Date
    /// The week's Monday as `YYYY-MM-DD` on the community's calendar.
    public var label: String
    /// Members known when the week ended.
    public var members: Int
    /// Members per tier when the week ended, by tier (`core`, `active`, `occasional`, `peripheral`).
    public var tiers: [String: Int]
    /// Members active at least once during the week.
    public var activeMembers: Int
    /// What happened during the week.
    public var counts: WeekCounts
    /// Whether the week is still running (an on-demand figure, not yet in the history).
    public var isRunning: Bool

    /// A week's aggregate.
    public init(
        start: Date, end: Date, label: String, members: Int, tiers: [String: Int], activeMembers: Int,
        counts: WeekCounts, isRunning: Bool = false
    ) {
        self.start = start
        self.end = end
        self.label = label
        self.members = members
        self.tiers = tiers
        self.activeMembers = activeMembers
        self.counts = counts
        self.isRunning = isRunning
    }

    /// The members of `tier` when the week ended.
    public func members(in tier: EngagementTier) -> Int { tiers[tier.rawValue] ?? 0 }

    /// The aggregate of the week `week` from `state` as it stands and the week's `counts`, whose kudos themes lose
    /// every word of a member's name or id.
    public init(week: DateInterval, label: String, state: CommunityState, counts: WeekCounts, isRunning: Bool) {
        var counts = counts
        if !counts.roundUp.kudosThemes.isEmpty {
            counts.roundUp = counts.roundUp.withoutNames(KudosThemes.names(of: state.members.values))
        }
        var tiers: [String: Int] = [:]
        for tier in EngagementTier.allCases { tiers[tier.rawValue] = 0 }
        var active = 0
        for member in state.members.values {
            tiers[state.engagement.tier(of: member.id).rawValue, default: 0] += 1
            if member.lastActiveAt >= week.start && member.lastActiveAt < week.end { active += 1 }
        }
        self.init(
            start: week.start, end: week.end, label: label, members: state.members.count, tiers: tiers,
            activeMembers: active, counts: counts, isRunning: isRunning)
    }
}
