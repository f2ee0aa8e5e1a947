/// How polls behave, from the config's `polls` section; the defaults need no configuration.
public struct PollSettings: Sendable, Hashable {
    /// The defaults.
    public static let defaults = PollSettings()

    /// The round-up shows an anonymous poll's results only when at least this many members voted (k); each poll
    /// keeps the value it opened with, so raising or lowering it later changes only new polls.
    public var anonymousMinimum: Int
    /// How many open polls one member may have at a time; convenors and rules are not limited.
    public var maxOpenPerMember: Int

    /// Settings.
    public init(anonymousMinimum: Int = 5, maxOpenPerMember: Int = 5) {
        self.anonymousMinimum = anonymousMinimum
        self.maxOpenPerMember = maxOpenPerMember
    }
}
