/// How polls behave; the defaults need no configuration.
public struct PollSettings: Sendable, Hashable {
    /// The defaults.
    public static let defaults = PollSettings()

    /// Settings.
    public init() {}
}
