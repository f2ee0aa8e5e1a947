import Foundation

/// The platforms that are on, with their secrets resolved. `description` shows which, never a secret.
public struct ResolvedPlatforms: Sendable, Hashable, CustomStringConvertible {
    /// Slack, enabled by its signing secret.
    public struct Slack: Sendable, Hashable {
        /// Verifies inbound requests.
        public var signingSecret: ConfigSecret
        /// Posts messages; nil means replies only through `response_url`.
        public var botToken: ConfigSecret?
        /// Outbound API base, e.g. `https://slack.com/api`.
        public var apiBaseURL: URL

        /// Creates resolved Slack settings.
        public init(signingSecret: ConfigSecret, botToken: ConfigSecret?, apiBaseURL: URL) {
            self.signingSecret = signingSecret
            self.botToken = botToken
            self.apiBaseURL = apiBaseURL
        }
    }

    /// Mattermost, enabled by its slash command token.
    public struct Mattermost: Sendable, Hashable {
        /// Verifies inbound slash commands.
        public var commandToken: ConfigSecret
        /// Posts messages; nil means replies only through `response_url`.
        public var botToken: ConfigSecret?
        /// The server, when known.
        public var url: URL?

        /// Creates resolved Mattermost settings.
        public init(commandToken: ConfigSecret, botToken: ConfigSecret?, url: URL?) {
            self.commandToken = commandToken
            self.botToken = botToken
            self.url = url
        }
    }

    /// Discord, enabled by its application public key.
    public struct Discord: Sendable, Hashable {
        /// The Ed25519 public key, 64 hex characters.
        public var publicKey: ConfigSecret
        /// The application id, when known.
        public var applicationID: String?
        /// Posts follow-ups and messages; nil means interaction responses only.
        public var botToken: ConfigSecret?
        /// Outbound API base, e.g. `https://discord.com/api/v10`.
        public var apiBaseURL: URL

        /// Creates resolved Discord settings.
        public init(publicKey: ConfigSecret, applicationID: String?, botToken: ConfigSecret?, apiBaseURL: URL) {
            self.publicKey = publicKey
            self.applicationID = applicationID
            self.botToken = botToken
            self.apiBaseURL = apiBaseURL
        }
    }

    /// Slack, or nil when off.
    public var slack: Slack?
    /// Mattermost, or nil when off.
    public var mattermost: Mattermost?
    /// Discord, or nil when off.
    public var discord: Discord?

    /// Creates the set of enabled platforms.
    public init(slack: Slack? = nil, mattermost: Mattermost? = nil, discord: Discord? = nil) {
        self.slack = slack
        self.mattermost = mattermost
        self.discord = discord
    }

    /// The names of the enabled platforms, in a fixed order: `slack`, `mattermost`, `discord`.
    public var enabledNames: [String] {
        [slack.map { _ in "slack" }, mattermost.map { _ in "mattermost" }, discord.map { _ in "discord" }]
            .compactMap { $0 }
    }

    /// E.g. `slack: on (bot token: yes, api: https://slack.com/api); mattermost: off; discord: off`.
    public var description: String {
        func token(_ secret: ConfigSecret?) -> String { secret == nil ? "no" : "yes" }
        let slackText = slack.map { "on (bot token: \(token($0.botToken)), api: \($0.apiBaseURL.absoluteString))" }
        let mattermostText = mattermost.map {
            "on (bot token: \(token($0.botToken)), url: \($0.url?.absoluteString ?? "none"))"
        }
        let discordText = discord.map {
            "on (application id: \($0.applicationID ?? "none"), bot token: \(token($0.botToken)), "
                + "api: \($0.apiBaseURL.absoluteString))"
        }
        return "slack: \(slackText ?? "off"); mattermost: \(mattermostText ?? "off"); discord: \(discordText ?? "off")"
    }
}
