import Foundation

/// Resolving a whole configuration: every secret, environment default and the playground rule, all at once.
extension SecretResolver {
    /// Resolves `config`'s secrets for a daemon listening on `address` (default: the config's `listen`),
    /// reporting every problem with the key path and, when the config wrote it, its line and column.
    public func resolve(
        _ config: ConvenerConfig,
        listeningOn address: ListenAddress? = nil
    ) -> Result<ResolvedSecrets, ConfigErrors> {
        var run = Run(resolver: self, config: config)
        let adminToken = run.secret(config.adminToken, at: "admin_token")
        let calendarKey = run.secret(config.calendarKey, at: "calendar_key")
        let emailPassword = config.email?.password.flatMap { run.secret($0, at: "email.password") }
        let platforms = ResolvedPlatforms(
            slack: run.slack(config.platforms.slack),
            mattermost: run.mattermost(config.platforms.mattermost),
            discord: run.discord(config.platforms.discord)
        )
        let address = address ?? config.listen
        let playgroundEnabled = config.playground.isEnabled(listeningOn: address)
        if playgroundEnabled, !address.isLoopback, adminToken == nil {
            let tokenHint =
                config.adminToken.isDefault
                ? "set the environment variable \(referenceName(config.adminToken.reference)) "
                    + "or admin_token: {env: NAME}"
                : "make admin_token resolve"
            run.report(
                at: "playground.enabled",
                "the playground on \(address) lets anyone speak as any member, so it needs an admin token; \(tokenHint)"
            )
        }
        guard run.diagnostics.isEmpty else { return .failure(ConfigErrors(run.diagnostics)) }
        var secrets = ResolvedSecrets(
            adminToken: adminToken, platforms: platforms, playgroundEnabled: playgroundEnabled)
        secrets.calendarKey = calendarKey
        secrets.emailPassword = emailPassword
        return .success(secrets)
    }

    private func referenceName(_ reference: SecretReference) -> String {
        switch reference {
        case .env(let name), .file(let name): name
        }
    }

    /// One resolution pass, collecting diagnostics.
    private struct Run {
        let resolver: SecretResolver
        let config: ConvenerConfig
        var diagnostics: [ConfigDiagnostic] = []

        mutating func report(at path: String, _ message: String) {
            diagnostics.append(config.diagnostic(at: path, message))
        }

        mutating func secret(_ setting: SecretSetting, at path: String) -> ConfigSecret? {
            switch resolver.resolve(setting) {
            case .success(let secret): return secret
            case .failure(let failure):
                report(at: path, failure.description)
                return nil
            }
        }

        mutating func url(_ value: PlatformValue<URL>, at path: String) -> URL? {
            switch resolver.resolve(value, expecting: "an http or https URL with a host", parse: ConfigURL.validated) {
            case .success(let url): return url
            case .failure(let failure):
                report(at: path, failure.description)
                return nil
            }
        }

        /// Reports a section the config wrote whose inbound secret is a default that is not set.
        mutating func inboundMissing(_ platform: String, _ key: String, _ setting: SecretSetting, configured: Bool) {
            guard configured, setting.isDefault else { return }
            report(
                at: "platforms.\(platform).\(key)",
                "platforms.\(platform) is configured but \(setting.reference) is not set; "
                    + "set it, or name the secret with \(key): {env: NAME} or {file: PATH}"
            )
        }

        mutating func slack(_ slack: PlatformsConfig.Slack) -> ResolvedPlatforms.Slack? {
            let signingSecret = secret(slack.signingSecret, at: "platforms.slack.signing_secret")
            let botToken = secret(slack.botToken, at: "platforms.slack.bot_token")
            let apiBaseURL = url(slack.apiBaseURL, at: "platforms.slack.api_base_url")
            guard let signingSecret else {
                inboundMissing("slack", "signing_secret", slack.signingSecret, configured: slack.isConfigured)
                return nil
            }
            guard let apiBaseURL else { return nil }
            return ResolvedPlatforms.Slack(signingSecret: signingSecret, botToken: botToken, apiBaseURL: apiBaseURL)
        }

        mutating func mattermost(_ mattermost: PlatformsConfig.Mattermost) -> ResolvedPlatforms.Mattermost? {
            let commandToken = secret(mattermost.commandToken, at: "platforms.mattermost.command_token")
            let botToken = secret(mattermost.botToken, at: "platforms.mattermost.bot_token")
            let serverURL = url(mattermost.url, at: "platforms.mattermost.url")
            guard let commandToken else {
                inboundMissing(
                    "mattermost", "command_token", mattermost.commandToken, configured: mattermost.isConfigured)
                return nil
            }
            return ResolvedPlatforms.Mattermost(commandToken: commandToken, botToken: botToken, url: serverURL)
        }

        mutating func discord(_ discord: PlatformsConfig.Discord) -> ResolvedPlatforms.Discord? {
            let publicKey = secret(discord.publicKey, at: "platforms.discord.public_key")
            let botToken = secret(discord.botToken, at: "platforms.discord.bot_token")
            let apiBaseURL = url(discord.apiBaseURL, at: "platforms.discord.api_base_url")
            let applicationID: String?
            switch resolver.resolve(discord.applicationID, expecting: "a Discord application id", parse: Self.snowflake)
            {
            case .success(let id): applicationID = id
            case .failure(let failure):
                report(at: "platforms.discord.application_id", failure.description)
                applicationID = nil
            }
            guard let publicKey else {
                inboundMissing("discord", "public_key", discord.publicKey, configured: discord.isConfigured)
                return nil
            }
            let key = publicKey.revealedValue
            guard key.count == 64, key.allSatisfy(\.isHexDigit) else {
                report(
                    at: "platforms.discord.public_key",
                    "the key from \(discord.publicKey.reference) must be 64 hexadecimal characters, got \(key.count) "
                        + "characters\(key.allSatisfy(\.isHexDigit) ? "" : " with non-hex ones")"
                )
                return nil
            }
            guard let apiBaseURL else { return nil }
            return ResolvedPlatforms.Discord(
                publicKey: publicKey, applicationID: applicationID, botToken: botToken, apiBaseURL: apiBaseURL)
        }

        private static func snowflake(_ text: String) -> String? {
            (1...32).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber } ? text : nil
        }
    }
}
