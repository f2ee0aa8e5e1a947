/// The secrets the chat platform routes verify requests with; a platform's routes exist only when its secret does.
public struct PlatformCredentials: Sendable {
    /// Slack's signing secret (signing v0).
    public var slackSigningSecret: String?
    /// Slack's bot token, for sending queued messages.
    public var slackBotToken: String?
    /// Slack's Web API base URL (tests point it at a fake).
    public var slackAPIBaseURL: String?
    /// Mattermost's slash command token.
    public var mattermostCommandToken: String?
    /// The key Convener signs its own Mattermost button contexts with.
    public var mattermostActionSecret: String?
    /// Discord's application public key, hex.
    public var discordPublicKey: String?
    /// Mattermost's bot token, for sending queued messages.
    public var mattermostBotToken: String?
    /// Mattermost's server URL, e.g. `https://chat.example.org` (the API is under `/api/v4`).
    public var mattermostURL: String?
    /// Discord's bot token, for sending queued messages.
    public var discordBotToken: String?
    /// Discord's API base URL, e.g. `https://discord.com/api/v10` (tests point it at a fake).
    public var discordAPIBaseURL: String?

    /// Credentials; by default none, so no platform route is served.
    public init(
        slackSigningSecret: String? = nil,
        slackBotToken: String? = nil,
        slackAPIBaseURL: String? = nil,
        mattermostCommandToken: String? = nil,
        mattermostActionSecret: String? = nil,
        discordPublicKey: String? = nil,
        mattermostBotToken: String? = nil,
        mattermostURL: String? = nil,
        discordBotToken: String? = nil,
        discordAPIBaseURL: String? = nil
    ) {
        self.slackSigningSecret = slackSigningSecret
        self.slackBotToken = slackBotToken
        self.slackAPIBaseURL = slackAPIBaseURL
        self.mattermostCommandToken = mattermostCommandToken
        self.mattermostActionSecret = mattermostActionSecret
        self.discordPublicKey = discordPublicKey
        self.mattermostBotToken = mattermostBotToken
        self.mattermostURL = mattermostURL
        self.discordBotToken = discordBotToken
        self.discordAPIBaseURL = discordAPIBaseURL
    }

    /// The platforms that will be served, by name.
    public var servedPlatforms: [String] {
        [
            slackSigningSecret.map { _ in "slack" }, mattermostCommandToken.map { _ in "mattermost" },
            discordPublicKey.map { _ in "discord" },
        ].compactMap { $0 }
    }
}
