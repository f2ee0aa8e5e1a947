import ConvenerPlatforms
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
        let emailLinkKey = config.email.flatMap { run.secret($0.linkKey, at: "email.link_key") }
        let postgres = config.store?.postgres
        let databaseURL = run.secret(
            postgres?.url ?? .defaultEnvironment("CONVENER_DATABASE_URL"), at: "store.postgres.url")
        if let postgres, postgres.url.isDefault, databaseURL == nil {
            run.report(
                at: "store.postgres",
                "store.postgres is configured but \(postgres.url.reference) is not set; set it, or name the URL "
                    + "with url: {env: NAME} or {file: PATH}")
        }
        let platforms = ResolvedPlatforms(
            PlatformSettingsRegistry.all.compactMap { declaration in
                config.platforms[declaration.name].flatMap { run.platform(declaration, $0) }
            })
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
        secrets.emailLinkKey = emailLinkKey
        secrets.databaseURL = databaseURL
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

        mutating func url(_ value: PlatformValue<String>, at path: String) -> String? {
            let parse = { (text: String) in ConfigURL.validated(text)?.absoluteString }
            switch resolver.resolve(value, expecting: "an http or https URL with a host", parse: parse) {
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

        /// Resolves one platform's settings as its declaration says: secrets, then URLs, then identifiers
        /// (the order problems are listed in); nil when its inbound secret is missing or unusable.
        mutating func platform(
            _ declaration: PlatformSettingsDeclaration, _ section: PlatformsConfig.Section
        ) -> ResolvedPlatforms.Platform? {
            let path = "platforms.\(declaration.name)"
            var secrets: [String: ConfigSecret] = [:]
            var values: [String: String] = [:]
            for setting in declaration.settings {
                guard case .secret = setting.kind, let written = section.secrets[setting.key] else { continue }
                secrets[setting.key] = secret(written, at: "\(path).\(setting.key)")
            }
            for setting in declaration.settings {
                guard case .url = setting.kind, let value = section.values[setting.key] else { continue }
                values[setting.key] = url(value, at: "\(path).\(setting.key)")
            }
            for setting in declaration.settings {
                guard case .identifier(_, let noun, _, let isValid) = setting.kind,
                    let value = section.values[setting.key]
                else { continue }
                switch resolver.resolve(value, expecting: noun, parse: { isValid($0) ? $0 : nil }) {
                case .success(let text): values[setting.key] = text
                case .failure(let failure): report(at: "\(path).\(setting.key)", failure.description)
                }
            }
            guard let inbound = section.secrets[declaration.enabledBy] else { return nil }
            guard secrets[declaration.enabledBy] != nil else {
                inboundMissing(declaration.name, declaration.enabledBy, inbound, configured: section.isConfigured)
                return nil
            }
            for setting in declaration.settings {
                guard case .secret(_, let check?) = setting.kind, let value = secrets[setting.key],
                    let written = section.secrets[setting.key],
                    let problem = check(value.revealedValue, written.reference.description)
                else { continue }
                report(at: "\(path).\(setting.key)", problem)
                return nil
            }
            return ResolvedPlatforms.Platform(name: declaration.name, secrets: secrets, values: values)
        }
    }
}
