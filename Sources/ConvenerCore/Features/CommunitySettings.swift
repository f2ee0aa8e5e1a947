/// How the community's features behave, from the config's `polls`, `feedback`, `surveys`, `pairing` and
/// `engagement` sections; the defaults need no configuration.
public struct CommunitySettings: Sendable, Hashable {
    /// Polls.
    public var polls: PollSettings
    /// Anonymous feedback.
    public var feedback: FeedbackSettings
    /// Surveys and their templates.
    public var surveys: SurveySettings
    /// Pairing programs.
    public var pairing: PairingSettings
    /// Tiers, kudos, celebrations, roster and round-up.
    public var engagement: EngagementSettings
    /// How prompts' answers are counted, and whether the rotation follows them.
    public var prompts: PromptSettings

    /// Settings.
    public init(
        polls: PollSettings = .defaults, feedback: FeedbackSettings = .defaults, surveys: SurveySettings = .defaults,
        pairing: PairingSettings = .defaults, engagement: EngagementSettings = .defaults,
        prompts: PromptSettings = .defaults
    ) {
        self.polls = polls
        self.feedback = feedback
        self.surveys = surveys
        self.pairing = pairing
        self.engagement = engagement
        self.prompts = prompts
    }

    /// Every feature on its defaults.
    public static let defaults = CommunitySettings()
}
