/// Slack's keys under `platforms.slack`: signing secret (inbound), bot token (outbound), API base URL.
public enum SlackSettings {
    /// Verifies inbound requests (signing v0); default env `SLACK_SIGNING_SECRET`. Enables Slack.
    public static let signingSecret = "signing_secret"
    /// Posts messages; default env `SLACK_BOT_TOKEN`.
    public static let botToken = "bot_token"
    /// Outbound API base; default env `SLACK_API_BASE_URL`, else `defaultAPIBaseURL`.
    public static let apiBaseURL = "api_base_url"
    /// Slack's Web API.
    public static let defaultAPIBaseURL = "https://slack.com/api"

    /// The declaration the config, the secret resolver and the server read.
    public static let declaration = PlatformSettingsDeclaration(
        name: SlackParser.platform,
        enabledBy: signingSecret,
        settings: [
            .secret(signingSecret, environment: "SLACK_SIGNING_SECRET"),
            .secret(botToken, environment: "SLACK_BOT_TOKEN", summaryLabel: "bot token"),
            .url(apiBaseURL, environment: "SLACK_API_BASE_URL", fallback: defaultAPIBaseURL, summaryLabel: "api"),
        ],
        bindings: PlatformBindingDeclaration(
            platform: SlackParser.platform, workspace: "slack_team",
            channelID: PlatformIDRule(
                problem: "a Slack channel id; copy it from the channel's details (e.g. C024BE91L)",
                isValid: { isSlackID($0) && $0.first.map { "CGD".contains($0) } == true }),
            workspaceID: PlatformIDRule(
                problem: "a Slack team id; it starts with T (e.g. T024BE7LD)",
                isValid: { isSlackID($0) && ($0.hasPrefix("T") || $0.hasPrefix("E")) })))

    /// Slack's ids: 9 to 21 uppercase ASCII letters and digits (the first letter tells the kind).
    @Sendable static func isSlackID(_ text: String) -> Bool {
        (9...21).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }
}
