import ConvenerConfig
import ConvenerCore
import ConvenerDelivery
import ConvenerServer
import ConvenerStore
import Foundation
import Logging

/// Turns the config file (or the embedded defaults), the environment and the command-line overrides into the
/// daemon's configuration, or one error listing every problem.
enum DaemonConfigurationLoader {
    static func load(configPath: String?, stateDirectory: String?, listen: ListenAddress?) throws -> DaemonConfiguration
    {
        let environment = ProcessInfo.processInfo.environment
        var loaded: LoadedConfig
        switch ConfigLoader.load(path: configPath, environment: environment) {
        case .success(let value): loaded = value
        case .failure(let errors): throw CLIError.invalidConfig(errors.description)
        }
        if let listen {
            // The playground and admin-token rules depend on the address really listened on.
            loaded.config.listen = listen
            switch SecretResolver.local(environment: environment).resolve(loaded.config, listeningOn: listen) {
            case .success(let secrets): loaded.secrets = secrets
            case .failure(let errors): throw CLIError.invalidConfig(errors.description)
            }
        }
        let config = loaded.config
        let rules = try loadRules(source: loaded.source)
        let promptFolders = ((config.promptsDirectory.map { [$0] } ?? []) + config.extraPromptsDirectories)
            .map(absolute)
        let prompts = PromptLibraryLoader.loadBuiltIn(plusFolders: promptFolders)
        var configuration = DaemonConfiguration(
            source: loaded.source.description,
            server: ServerSettings(
                host: config.listen.host,
                port: config.listen.port,
                playgroundEnabled: loaded.secrets.playgroundEnabled,
                adminToken: loaded.secrets.adminToken?.revealedValue,
                platforms: PlatformCredentials(loaded.secrets.platforms),
                publicURL: config.publicURL?.absoluteString ?? environment["CONVENER_PUBLIC_URL"]
            ),
            stateDirectory: absolute(stateDirectory ?? config.stateDirectory),
            logLevel: Logger.Level(rawValue: config.logLevel.rawValue) ?? .info,
            communities: config.communities.map(profile),
            rules: rules.set,
            rulesSource: rules.source
        )
        configuration.prompts = prompts.library
        configuration.settings = config.settings
        configuration.communityRules = try loadCommunityRules(source: loaded.source, communities: config.communities)
        let calendarProblems = CalendarRuleCheck.problems(
            configuration.communities.map { ($0, configuration.rules(for: $0.id)) })
        if !calendarProblems.isEmpty {
            throw CLIError.invalidConfig(
                calendarProblems.map { "\(loaded.source.description): \($0)" }.joined(separator: "\n"))
        }
        configuration.server.calendarKey = loaded.secrets.calendarKey?.revealedValue
        if let key = configuration.server.calendarKey {
            // On a port picked at start-up (0) the address is not known yet: members get the path alone.
            let base =
                configuration.server.publicURL
                ?? (config.listen.port == 0 ? "" : "http://\(config.listen.host):\(config.listen.port)")
            for index in configuration.communities.indices {
                let id = configuration.communities[index].id
                configuration.communities[index].calendarFeedURL =
                    base + CalendarFeedSecret.path(communityID: id, key: key)
                configuration.communities[index].invitationSigning = PairingInvitationLink.Signing(
                    key: PairingInvitationLink.communityKey(calendarKey: key, community: id), baseURL: base)
            }
        }
        configuration.email = config.email.map { email in
            SMTPSettings(
                url: email.smtpURL, from: email.from, fromName: email.fromName, username: email.username,
                password: loaded.secrets.emailPassword?.revealedValue,
                security: email.security.flatMap(SMTPSettings.Security.init(rawValue:)),
                bounceAddress: email.bounceAddress)
        }
        configuration.server.emailLinkKey = loaded.secrets.emailLinkKey?.revealedValue
        if config.email != nil {
            for (index, community) in config.communities.enumerated()
            where configuration.communities.indices.contains(index) {
                configuration.communities[index].mail = CommunityMail(
                    membersMaySubscribe: configuration.server.emailLinkKey != nil,
                    roundUpTo: community.email?.roundUpTo, chatLink: community.email?.chatLink)
            }
        }
        if let url = loaded.secrets.databaseURL?.revealedValue {
            let postgres = config.store?.postgres ?? PostgresStoreConfig()
            configuration.database = PostgresSettings(
                url: url, poolSize: postgres.poolSize, connectTimeoutSeconds: postgres.connectTimeoutSeconds,
                statementTimeoutSeconds: postgres.statementTimeoutSeconds)
        }
        configuration.promptProblems = prompts.diagnostics.map(\.description)
        configuration.promptSources = prompts.sources.map(\.description)
        return configuration
    }

    /// Each community's own `rules:`, by community id.
    private static func loadCommunityRules(source: ConfigSource, communities: [CommunityConfig]) throws
        -> [String: RuleSet]
    {
        guard case .file(let path) = source, let yaml = try? String(contentsOfFile: path, encoding: .utf8) else {
            return [:]
        }
        switch RuleLoader.parseCommunityRules(configYAML: yaml, file: path) {
        case .success(let sets):
            return Dictionary(
                uniqueKeysWithValues: sets.compactMap { index, set in
                    communities.indices.contains(index) ? (communities[index].id, set) : nil
                })
        case .failure(let errors): throw CLIError.invalidConfig(errors.description)
        }
    }

    /// The config's `rules` (inline or files it names), or the built-in default rules when it has no such key.
    private static func loadRules(source: ConfigSource) throws -> (set: RuleSet, source: String) {
        guard case .file(let path) = source,
            let yaml = try? String(contentsOfFile: path, encoding: .utf8),
            RuleLoader.configDeclaresRules(configYAML: yaml, file: path)
        else {
            switch RuleLoader.parse(yaml: DefaultRules.yaml, file: DefaultRules.file) {
            case .success(let rules): return (rules, DefaultRules.file)
            case .failure(let errors): throw CLIError.invalidConfig(errors.description)
            }
        }
        switch RuleLoader.parse(configYAML: yaml, file: path) {
        case .success(let rules): return (rules, "\(path) (rules)")
        case .failure(let errors): throw CLIError.invalidConfig(errors.description)
        }
    }

    private static func profile(_ community: CommunityConfig) -> CommunityProfile {
        var profile = CommunityProfile(
            id: community.id,
            name: community.name,
            purpose: community.purpose,
            guidelines: community.guidelines,
            timeZone: TimeZone(identifier: community.timeZone) ?? .gmt,
            timeZoneName: community.timeZone,
            convenors: Set(community.convenors),
            channel: community.channel,
            holidays: community.holidays,
            inactiveAfterDays: community.inactiveAfterDays,
            quietHours: community.quietHours,
            bindings: community.bindings
        )
        profile.events = community.events
        return profile
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
