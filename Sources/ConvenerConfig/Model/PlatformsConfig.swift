import Foundation

/// Chat platform connections. Each platform is enabled when its inbound secret resolves.
public struct PlatformsConfig: Sendable, Hashable {
    /// Slack: signing secret (inbound), bot token (outbound), API base URL.
    public struct Slack: Sendable, Hashable {
        /// Verifies inbound requests (signing v0); default env `SLACK_SIGNING_SECRET`.
        public var signingSecret = SecretSetting.defaultEnvironment("SLACK_SIGNING_SECRET")
        /// Posts messages; default env `SLACK_BOT_TOKEN`.
        public var botToken = SecretSetting.defaultEnvironment("SLACK_BOT_TOKEN")
        /// Outbound API base; default env `SLACK_API_BASE_URL`, else `https://slack.com/api`.
        public var apiBaseURL = PlatformValue<URL>.environment(
            name: "SLACK_API_BASE_URL", fallback: URL(string: "https://slack.com/api"))
        /// Whether the config has a `platforms.slack` section (then a missing signing secret is an error).
        public var isConfigured = false

        /// Settings from the default environment variables.
        public init() {}
    }

    /// Mattermost: slash command token (inbound), bot token (outbound), server URL.
    public struct Mattermost: Sendable, Hashable {
        /// Verifies inbound slash commands; default env `MATTERMOST_COMMAND_TOKEN`.
        public var commandToken = SecretSetting.defaultEnvironment("MATTERMOST_COMMAND_TOKEN")
        /// Posts messages; default env `MATTERMOST_BOT_TOKEN`.
        public var botToken = SecretSetting.defaultEnvironment("MATTERMOST_BOT_TOKEN")
        /// The Mattermost server; default env `MATTERMOST_URL`, else none.
        public var url = PlatformValue<URL>.environment(name: "MATTERMOST_URL", fallback: nil)
        /// Whether the config has a `platforms.mattermost` section.
        public var isConfigured = false

        /// Settings from the default environment variables.
        public init() {}
    }

    /// Discord: application public key (inbound, hex), application id, bot token, API base URL.
    public struct Discord: Sendable, Hashable {
        /// Verifies inbound interactions (Ed25519, 64 hex characters); default env `DISCORD_PUBLIC_KEY`.
        public var publicKey = SecretSetting.defaultEnvironment("DISCORD_PUBLIC_KEY")
        /// The application id; default env `DISCORD_APPLICATION_ID`.
        public var applicationID = PlatformValue<String>.environment(name: "DISCORD_APPLICATION_ID", fallback: nil)
        /// Posts messages; default env `DISCORD_BOT_TOKEN`.
        public var botToken = SecretSetting.defaultEnvironment("DISCORD_BOT_TOKEN")
        /// Outbound API base; default env `DISCORD_API_BASE_URL`, else `https://discord.com/api/v10`.
        public var apiBaseURL = PlatformValue<URL>.environment(
            name: "DISCORD_API_BASE_URL", fallback: URL(string: "https://discord.com/api/v10"))
        /// Whether the config has a `platforms.discord` section.
        public var isConfigured = false

        /// Settings from the default environment variables.
        public init() {}
    }

    /// Slack settings.
    public var slack = Slack()
    /// Mattermost settings.
    public var mattermost = Mattermost()
    /// Discord settings.
    public var discord = Discord()

    /// Every platform on its default environment variables.
    public init() {}
}
