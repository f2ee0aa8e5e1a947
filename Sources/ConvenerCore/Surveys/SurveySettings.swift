/// How surveys behave; the defaults need no configuration.
public struct SurveySettings: Sendable, Hashable {
    /// The defaults.
    public static let defaults = SurveySettings()

    /// Settings.
    public init() {}
}
