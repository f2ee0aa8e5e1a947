import Foundation

/// The durable state of tiers, kudos, celebrations, the roster and the round-up, inside `CommunityState`.
///
/// Activity is scored as it is recorded (O(1) per fact) with the weights and half-life of `scoring`, which the
/// daily check updates from the config through a fact, so replaying the journal scores exactly as before.
/// The aggregates for `/cop stats` (`activityByDay`, `tierMoves`) carry no member ids.
public struct EngagementBook: Codable, Sendable, Equatable {
    /// The member the kudos of a forgotten member are given to, shown as "a member".
    public static let forgottenMember = MemberID(platform: "forgotten", user: "a member")
    /// How long kudos, activity counts and tier moves are kept, in days.
    static let keepDays = 90

    /// The weights and half-life activity is scored with.
    public var scoring = EngagementPolicy()
    /// Every member's decayed score and tier.
    public var members = EngagementState()
    /// The community-local day of the last daily check (`yyyy-MM-dd`).
    public var lastEvaluatedDay: String?
    /// Tier moves of the last `keepDays` days, without member ids: for "movement since last month".
    public var tierMoves: [EngagementTierMove] = []
    /// Activity counts per UTC day (`yyyy-MM-dd`) and kind, without member ids: for the activity trend.
    public var activityByDay: [String: [String: Int]] = [:]
    /// Kudos of the last `keepDays` days and each giver's allowance.
    public var kudos = KudosLedger()
    /// Opt-in birthdays (month and day only).
    public var birthdays: [MemberID: CelebrationBirthday] = [:]
    /// Time zones members gave for their local morning.
    public var timeZones: [MemberID: String] = [:]
    /// Celebrations planned and not yet announced, oldest first.
    public var plannedCelebrations: [Celebration] = []
    /// Celebrations up to this instant have been planned.
    public var celebrationsPlannedThrough: Date?
    /// The facilitator roster.
    public var roster = RosterState()
    /// When the round-up was last posted in the channel.
    public var lastDigestAt: Date?

    /// Nothing yet.
    public init() {}

    /// Counts one activity of `member`; O(1).
    mutating func record(_ kind: ActivityKind, by member: MemberID, at instant: Date) {
        record(EngagementActivity(kind), by: member, at: instant)
    }

    /// Applies one fact.
    mutating func apply(_ fact: EngagementFact) {
        switch fact {
        case .scoringChanged(let policy):
            scoring = policy
        case .tiersEvaluated(let day, let at, let changes):
            lastEvaluatedDay = day
            for change in changes {
                members.records[change.member, default: EngagementRecord(joinedAt: at)].tier = change.to
                members.records[change.member]?.tierChangedAt = at
                tierMoves.append(EngagementTierMove(at: at, from: change.from, to: change.to))
            }
            prune(before: at.addingTimeInterval(-Double(Self.keepDays) * 86_400))
        case .kudosGiven(let entry, let allowance):
            kudos.append(entry)
            kudos.allowances[entry.giver] = allowance
            record(.kudosReceived, by: entry.receiver, at: entry.at)
        case .birthdaySet(let member, let birthday, let timeZone):
            birthdays[member] = birthday
            timeZones[member] = timeZone
            plannedCelebrations.removeAll { $0.member == member && $0.kind == .birthday }
        case .celebrationsPlanned(let celebrations, let through):
            let known = Set(plannedCelebrations.map(\.key))
            plannedCelebrations += celebrations.filter { !known.contains($0.key) }
            plannedCelebrations.sort { $0.at != $1.at ? $0.at < $1.at : $0.key < $1.key }
            celebrationsPlannedThrough = max(celebrationsPlannedThrough ?? through, through)
        case .celebrated(let key):
            plannedCelebrations.removeAll { $0.key == key }
        case .rosterChanged(let roster):
            self.roster = roster
        case .digestPosted(let at):
            lastDigestAt = at
        }
    }

    /// Deletes what is stored about `member` (`/cop me forget`): their score, birthday, time zone, planned
    /// celebrations, roster place and the kudos they gave; kudos they received stay, thanking "a member".
    mutating func forget(_ member: MemberID) {
        members.remove(member)
        birthdays[member] = nil
        timeZones[member] = nil
        plannedCelebrations.removeAll { $0.member == member }
        roster.remove(member)
        kudos.forgetGiver(member, receiverBecomes: Self.forgottenMember)
    }

    /// The member's tier (peripheral when they never did anything).
    func tier(of member: MemberID) -> EngagementTier {
        members.tier(of: member) ?? .peripheral
    }

    private mutating func record(_ activity: EngagementActivity, by member: MemberID, at instant: Date) {
        members.record(activity, by: member, at: instant, policy: scoring)
        // Receiving kudos raises a score but is the giver's act, already counted once.
        guard activity != .kudosReceived else { return }
        activityByDay[KudosLedger.dayKey(of: instant, in: .gmt), default: [:]][activity.rawValue, default: 0] += 1
    }

    private mutating func prune(before cutoff: Date) {
        kudos.prune(before: cutoff)
        tierMoves.removeAll { $0.at < cutoff }
        let cutoffDay = KudosLedger.dayKey(of: cutoff, in: .gmt)
        activityByDay = activityByDay.filter { $0.key >= cutoffDay }
    }
}

/// A tier move without the member: what `/cop stats` counts.
public struct EngagementTierMove: Codable, Sendable, Equatable {
    /// When.
    public var at: Date
    /// The tier left.
    public var from: EngagementTier
    /// The tier joined.
    public var to: EngagementTier

    /// A move.
    public init(at: Date, from: EngagementTier, to: EngagementTier) {
        self.at = at
        self.from = from
        self.to = to
    }
}
