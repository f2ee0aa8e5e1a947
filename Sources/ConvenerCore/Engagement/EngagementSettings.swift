/// How tiers, kudos, celebrations, the roster and the round-up behave; the defaults need no configuration.
public struct EngagementSettings: Sendable, Hashable {
    /// The defaults.
    public static let defaults = EngagementSettings()

    /// Settings.
    public init() {}
}
