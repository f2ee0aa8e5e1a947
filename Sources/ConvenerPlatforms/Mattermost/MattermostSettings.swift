/// Mattermost's keys under `platforms.mattermost`: slash command token (inbound), bot token (outbound), server URL.
public enum MattermostSettings {
    /// Verifies inbound slash commands; default env `MATTERMOST_COMMAND_TOKEN`. Enables Mattermost.
    public static let commandToken = "command_token"
    /// Posts messages; default env `MATTERMOST_BOT_TOKEN`.
    public static let botToken = "bot_token"
    /// The Mattermost server; default env `MATTERMOST_URL`, else none.
    public static let url = "url"

    /// The declaration the config, the secret resolver and the server read.
    public static let declaration = PlatformSettingsDeclaration(
        name: MattermostParser.platform,
        enabledBy: commandToken,
        settings: [
            .secret(commandToken, environment: "MATTERMOST_COMMAND_TOKEN"),
            .secret(botToken, environment: "MATTERMOST_BOT_TOKEN", summaryLabel: "bot token"),
            .url(url, environment: "MATTERMOST_URL", summaryLabel: "url"),
        ],
        bindings: PlatformBindingDeclaration(
            platform: MattermostParser.platform, workspace: "mattermost_team",
            channelID: PlatformIDRule(
                problem: "a Mattermost channel id; copy the 26-character ID from the channel's View Info "
                    + "(e.g. 4xp9fdt77pncbef59f4k1qe83o)",
                isValid: isMattermostID),
            workspaceID: PlatformIDRule(
                problem: "a Mattermost team id; use its 26-character ID", isValid: isMattermostID)))

    /// Mattermost's ids: 26 lowercase ASCII letters and digits (the name in a URL is not the id).
    @Sendable static func isMattermostID(_ text: String) -> Bool {
        text.count == 26 && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }
}
