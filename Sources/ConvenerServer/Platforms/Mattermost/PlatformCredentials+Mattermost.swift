import ConvenerPlatforms

/// Mattermost's settings, read by the keys `MattermostSettings` declares.
extension PlatformCredentials {
    /// Mattermost's slash command token.
    var mattermostCommandToken: String? { self[MattermostParser.platform, MattermostSettings.commandToken] }
    /// Mattermost's bot token, for sending queued messages.
    var mattermostBotToken: String? { self[MattermostParser.platform, MattermostSettings.botToken] }
    /// Mattermost's server URL, e.g. `https://chat.example.org` (the API is under `/api/v4`).
    var mattermostURL: String? { self[MattermostParser.platform, MattermostSettings.url] }
    /// The key Convener signs its own Mattermost button contexts with: the bot token, else the command token.
    var mattermostActionSecret: String? { mattermostBotToken ?? mattermostCommandToken }
}
