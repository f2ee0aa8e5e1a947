/// How anonymous feedback notes behave; the defaults need no configuration.
public struct FeedbackSettings: Sendable, Hashable {
    /// The defaults.
    public static let defaults = FeedbackSettings()

    /// Settings.
    public init() {}
}
