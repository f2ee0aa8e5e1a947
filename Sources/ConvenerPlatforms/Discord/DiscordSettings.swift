/// Discord's keys under `platforms.discord`: application public key (inbound, hex), application id, bot token,
/// API base URL.
public enum DiscordSettings {
    /// Verifies inbound interactions (Ed25519, 64 hex characters); default env `DISCORD_PUBLIC_KEY`. Enables Discord.
    public static let publicKey = "public_key"
    /// The application id (a snowflake); default env `DISCORD_APPLICATION_ID`.
    public static let applicationID = "application_id"
    /// Posts follow-ups and messages; default env `DISCORD_BOT_TOKEN`.
    public static let botToken = "bot_token"
    /// Outbound API base; default env `DISCORD_API_BASE_URL`, else `defaultAPIBaseURL`.
    public static let apiBaseURL = "api_base_url"
    /// Discord's HTTP API, version 10.
    public static let defaultAPIBaseURL = "https://discord.com/api/v10"

    /// The declaration the config, the secret resolver and the server read.
    public static let declaration = PlatformSettingsDeclaration(
        name: DiscordParser.platform,
        enabledBy: publicKey,
        settings: [
            .secret(publicKey, environment: "DISCORD_PUBLIC_KEY", check: checkPublicKey),
            PlatformSettingDeclaration(
                key: applicationID,
                kind: .identifier(
                    environment: "DISCORD_APPLICATION_ID", noun: "a Discord application id",
                    expected: "digits, e.g. '1234567890'", isValid: isSnowflake),
                summaryLabel: "application id"),
            .secret(botToken, environment: "DISCORD_BOT_TOKEN", summaryLabel: "bot token"),
            .url(apiBaseURL, environment: "DISCORD_API_BASE_URL", fallback: defaultAPIBaseURL, summaryLabel: "api"),
        ],
        bindings: PlatformBindingDeclaration(
            platform: DiscordParser.platform, workspace: "discord_guild",
            channelID: PlatformIDRule(
                problem: "a Discord channel id; turn on Developer Mode and use Copy Channel ID "
                    + "(e.g. 1045021983744204850)",
                isValid: isChannelSnowflake),
            workspaceID: PlatformIDRule(
                problem: "a Discord guild (server) id; use Copy Server ID in Developer Mode",
                isValid: isChannelSnowflake)))

    /// A channel or guild id: a snowflake of 17 to 20 ASCII digits.
    @Sendable static func isChannelSnowflake(_ text: String) -> Bool {
        (17...20).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A snowflake: 1 to 32 ASCII digits.
    @Sendable static func isSnowflake(_ text: String) -> Bool {
        (1...32).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The public key must be 64 hex characters; the problem names where the key came from, never the key.
    @Sendable static func checkPublicKey(_ key: String, source: String) -> String? {
        guard key.count != 64 || !key.allSatisfy(\.isHexDigit) else { return nil }
        return "the key from \(source) must be 64 hexadecimal characters, got \(key.count) "
            + "characters\(key.allSatisfy(\.isHexDigit) ? "" : " with non-hex ones")"
    }
}
