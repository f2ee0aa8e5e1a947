import Foundation

/// The community's health at a glance, for the dashboard: aggregates only, never a member id or a message.
public struct CommunityHealth: Codable, Sendable, Equatable {
    /// One bar of a chart: a label and a count.
    public struct Bar: Codable, Sendable, Equatable {
        /// What the bar counts.
        public var label: String
        /// How many.
        public var count: Int

        /// A bar.
        public init(_ label: String, _ count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// The community's name.
    public var community: String
    /// When the figures were taken.
    public var generatedAt: Date
    /// Members known.
    public var members: Int
    /// Members first seen in the last 30 days.
    public var newLast30Days: Int
    /// Members active in the last 7 days.
    public var activeLast7Days: Int
    /// Members active in the last 30 days.
    public var activeLast30Days: Int
    /// Members for whom `member.inactive` was raised and who have not come back yet.
    public var quiet: Int
    /// Members away (`/cop away`) right now.
    public var away: Int
    /// Members by the week they were last active in: this week, 1 week ago, …, and "8+ weeks".
    public var lastActive: [Bar]
    /// Everything members did, by kind, since they joined.
    public var activity: [Bar]
    /// Members per engagement tier: core, active, occasional, peripheral.
    public var tiers: [Bar]
    /// Messages waiting in the outbox.
    public var outbox: Int
    /// Messages that could not be delivered (kept for the operator).
    public var deadLetters: Int

    /// The figures of `state` at `now`.
    public init(state: CommunityState, profile: CommunityProfile, now: Date) {
        let day: TimeInterval = 86_400
        let members = Array(state.members.values)
        community = profile.name
        generatedAt = now
        self.members = members.count
        newLast30Days = members.count { now.timeIntervalSince($0.joinedAt) < 30 * day }
        activeLast7Days = members.count { now.timeIntervalSince($0.lastActiveAt) < 7 * day }
        activeLast30Days = members.count { now.timeIntervalSince($0.lastActiveAt) < 30 * day }
        quiet = state.inactiveSince.count
        away = members.count { state.vacations.isAway($0.id, at: now) }
        var weeks = [Int](repeating: 0, count: 9)
        for member in members {
            let week = Int(max(0, now.timeIntervalSince(member.lastActiveAt)) / (7 * day))
            weeks[min(week, 8)] += 1
        }
        lastActive = weeks.enumerated().map { index, count in
            Bar(index == 0 ? "this week" : index == 8 ? "8+ weeks" : "\(index) wk ago", count)
        }
        let totals = members.reduce(into: MemberActivity()) { total, member in
            total.messages += member.activity.messages
            total.commands += member.activity.commands
            total.votes += member.activity.votes
            total.kudos += member.activity.kudos
            total.surveys += member.activity.surveys
            total.meetings += member.activity.meetings
        }
        activity = [
            Bar("messages", totals.messages), Bar("commands", totals.commands), Bar("votes", totals.votes),
            Bar("kudos", totals.kudos), Bar("surveys", totals.surveys), Bar("meetings", totals.meetings),
        ]
        var perTier: [EngagementTier: Int] = [:]
        for member in members { perTier[state.engagement.tier(of: member.id), default: 0] += 1 }
        tiers = [EngagementTier.core, .active, .occasional, .peripheral].map { Bar($0.rawValue, perTier[$0] ?? 0) }
        outbox = state.outbox.count
        deadLetters = state.deadLetters.count
    }
}
