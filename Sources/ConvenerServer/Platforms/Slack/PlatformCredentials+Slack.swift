import ConvenerPlatforms

/// Slack's settings, read by the keys `SlackSettings` declares.
extension PlatformCredentials {
    /// Slack's signing secret (signing v0).
    var slackSigningSecret: String? { self[SlackParser.platform, SlackSettings.signingSecret] }
    /// Slack's bot token, for sending queued messages.
    var slackBotToken: String? { self[SlackParser.platform, SlackSettings.botToken] }
    /// Slack's Web API base URL (tests point it at a fake), else `SlackSettings.defaultAPIBaseURL`.
    var slackAPIBaseURL: String {
        self[SlackParser.platform, SlackSettings.apiBaseURL] ?? SlackSettings.defaultAPIBaseURL
    }
}
