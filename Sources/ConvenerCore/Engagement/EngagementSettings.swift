/// How tiers, kudos, celebrations, the roster and the round-up behave; the defaults need no configuration.
public struct EngagementSettings: Sendable, Hashable {
    /// The defaults.
    public static let defaults = EngagementSettings()

    /// Weights, half-life, tier thresholds and the time between tier changes.
    public var scoring: EngagementPolicy
    /// The daily kudos allowance and the round-up's spotlight boosts.
    public var kudos: KudosPolicy
    /// Whether the round-up favours kudos to peripheral members ("spotlight the unseen").
    public var spotlight: Bool
    /// The local morning of celebrations and which are celebrated.
    public var celebrations: CelebrationPolicy
    /// When facilitator turns fall and how early they are announced.
    public var roster: EngagementRosterCadence
    /// What happens to a leaving member's data.
    public var onLeave: EngagementLeavePolicy

    /// Settings; every argument defaults to the documented default.
    public init(
        scoring: EngagementPolicy = EngagementPolicy(), kudos: KudosPolicy = KudosPolicy(), spotlight: Bool = true,
        celebrations: CelebrationPolicy = CelebrationPolicy(), roster: EngagementRosterCadence = .defaults,
        onLeave: EngagementLeavePolicy = .keep
    ) {
        self.scoring = scoring
        self.kudos = kudos
        self.spotlight = spotlight
        self.celebrations = celebrations
        self.roster = roster
        self.onLeave = onLeave
    }
}

/// What happens to a member's data when they leave the community.
public enum EngagementLeavePolicy: String, Sendable, Hashable, CaseIterable {
    /// Keep it, so a returning member finds their history (the default).
    case keep
    /// Delete it, as `/cop me forget` does.
    case delete
}
