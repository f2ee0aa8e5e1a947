import Foundation

/// A change to the state of tiers, kudos, celebrations, the roster and the round-up, journaled inside `Fact`.
public enum EngagementFact: Codable, Sendable, Equatable {
    /// The weights and half-life activity is scored with from now on (the config changed, or first use).
    case scoringChanged(EngagementPolicy)
    /// The daily check of community-local `day` ran at `at` and moved these members between tiers.
    case tiersEvaluated(day: String, at: Date, changes: [EngagementTierChange])
    /// A member thanked another; `allowance` is the giver's use of their day's allowance after it.
    case kudosGiven(KudosEntry, allowance: KudosAllowance)
    /// A member gave (or cleared, nil) their birthday, and optionally their time zone for the local morning.
    case birthdaySet(member: MemberID, birthday: CelebrationBirthday?, timeZone: String?)
    /// Celebrations due up to `through`, planned ahead so that ticks stay cheap.
    case celebrationsPlanned([Celebration], through: Date)
    /// A planned celebration was announced (or dropped as too late), by its key.
    case celebrated(key: String)
    /// The facilitator roster after a join, leave, skip, swap, announcement or completed turn.
    case rosterChanged(RosterState)
    /// The round-up was posted in the channel at `at`.
    case digestPosted(at: Date)
}

/// One member moving between tiers at the daily check.
public struct EngagementTierChange: Codable, Sendable, Equatable {
    /// The member.
    public var member: MemberID
    /// The tier they leave.
    public var from: EngagementTier
    /// The tier they join.
    public var to: EngagementTier

    /// A change.
    public init(member: MemberID, from: EngagementTier, to: EngagementTier) {
        self.member = member
        self.from = from
        self.to = to
    }
}
