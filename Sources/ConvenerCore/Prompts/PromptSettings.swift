/// How prompts' answers are counted and whether the rotation follows them (the config's `prompts` section).
public struct PromptSettings: Sendable, Hashable {
    /// For how many days after a prompt is posted replies and reactions count as its answers.
    public var answerWindowDays: Int
    /// Whether `prompt.post` without a theme, and `/cop prompt now`, draw the theme at random, weighted towards
    /// the themes whose prompts draw answers (`PromptThemeChoice`); off by default.
    public var preferAnsweredThemes: Bool

    /// The defaults: a week to answer, the usual theme every time.
    public static let defaults = PromptSettings()

    /// Settings.
    public init(answerWindowDays: Int = 7, preferAnsweredThemes: Bool = false) {
        self.answerWindowDays = answerWindowDays
        self.preferAnsweredThemes = preferAnsweredThemes
    }
}
