import ConvenerPlatforms

/// Discord's settings, read by the keys `DiscordSettings` declares.
extension PlatformCredentials {
    /// Discord's application public key, hex.
    var discordPublicKey: String? { self[DiscordParser.platform, DiscordSettings.publicKey] }
    /// Discord's bot token, for sending queued messages.
    var discordBotToken: String? { self[DiscordParser.platform, DiscordSettings.botToken] }
    /// Discord's API base URL (tests point it at a fake), else `DiscordSettings.defaultAPIBaseURL`.
    var discordAPIBaseURL: String {
        self[DiscordParser.platform, DiscordSettings.apiBaseURL] ?? DiscordSettings.defaultAPIBaseURL
    }
}
