import Foundation

/// The `platforms` section: `slack`, `mattermost`, `discord`, each optional.
extension PlatformsConfig {
    /// The keys allowed in `platforms`.
    static let keys = ["slack", "mattermost", "discord"]

    /// Reads `platforms`; keys left out keep their default environment variables.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> PlatformsConfig? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        var platforms = PlatformsConfig()
        if let slack = table.optional("slack", &context)?.table(&context, keys: Slack.keys) {
            platforms.slack.isConfigured = true
            slack.secret("signing_secret", into: &platforms.slack.signingSecret, &context)
            slack.secret("bot_token", into: &platforms.slack.botToken, &context)
            slack.url("api_base_url", into: &platforms.slack.apiBaseURL, &context)
        }
        if let mattermost = table.optional("mattermost", &context)?.table(&context, keys: Mattermost.keys) {
            platforms.mattermost.isConfigured = true
            mattermost.secret("command_token", into: &platforms.mattermost.commandToken, &context)
            mattermost.secret("bot_token", into: &platforms.mattermost.botToken, &context)
            mattermost.url("url", into: &platforms.mattermost.url, &context)
        }
        if let discord = table.optional("discord", &context)?.table(&context, keys: Discord.keys) {
            platforms.discord.isConfigured = true
            discord.secret("public_key", into: &platforms.discord.publicKey, &context)
            if let id = discord.optional("application_id", &context)?.applicationID(&context) {
                platforms.discord.applicationID = .configured(id)
            }
            discord.secret("bot_token", into: &platforms.discord.botToken, &context)
            discord.url("api_base_url", into: &platforms.discord.apiBaseURL, &context)
        }
        return platforms
    }
}

extension PlatformsConfig.Slack {
    /// The keys allowed in `platforms.slack`.
    static let keys = ["signing_secret", "bot_token", "api_base_url"]
}

extension PlatformsConfig.Mattermost {
    /// The keys allowed in `platforms.mattermost`.
    static let keys = ["command_token", "bot_token", "url"]
}

extension PlatformsConfig.Discord {
    /// The keys allowed in `platforms.discord`.
    static let keys = ["public_key", "application_id", "bot_token", "api_base_url"]
}

extension ConfigTable {
    /// Overwrites `setting` when `key` holds a valid secret reference.
    fileprivate func secret(_ key: String, into setting: inout SecretSetting, _ context: inout ConfigContext) {
        if let reference = optional(key, &context)?.secret(&context) {
            setting = SecretSetting(reference, isDefault: false)
        }
    }

    /// Overwrites `value` when `key` holds a valid URL.
    fileprivate func url(_ key: String, into value: inout PlatformValue<URL>, _ context: inout ConfigContext) {
        if let url = optional(key, &context)?.url(&context) {
            value = .configured(url)
        }
    }
}

extension ConfigField {
    /// A Discord application id: a snowflake, digits only.
    fileprivate func applicationID(_ context: inout ConfigContext) -> String? {
        guard let id = string(&context) else { return nil }
        guard (1...32).contains(id.count), id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            context.report(
                self, "\(Self.quoted(id)) is not a Discord application id; expected digits, e.g. '1234567890'")
            return nil
        }
        return id
    }
}
