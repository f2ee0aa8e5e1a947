import ConvenerCore
import Foundation

/// The daemon's validated configuration, with every default filled in.
public struct ConvenerConfig: Sendable, Hashable {
    /// Where the HTTP server listens (default `127.0.0.1:8080`).
    public var listen: ListenAddress
    /// The state folder; relative to the config file's folder when written there (default `convener-state`).
    public var stateDirectory: String
    /// A folder of the convenors' prompts, read after the built-in library (which is compiled in) and before
    /// `extraPromptsDirectories`; relative to the config file's folder (default none).
    public var promptsDirectory: String?
    /// More folders of the convenors' prompts, read after `promptsDirectory` in this order (default none).
    public var extraPromptsDirectories: [String] = []
    /// Convener's address as the chat platforms reach it (Mattermost buttons and dialogs post back there);
    /// default: the environment variable `CONVENER_PUBLIC_URL`, else the listen address.
    public var publicURL: URL?
    /// Log verbosity (default `info`).
    public var logLevel: ConfigLogLevel
    /// The token that guards the dashboard and a public playground (default env `CONVENER_ADMIN_TOKEN`).
    public var adminToken: SecretSetting
    /// The key the calendar feeds' secret URLs derive from (default env `CONVENER_CALENDAR_KEY`); no key, no feeds.
    public var calendarKey: SecretSetting = .defaultEnvironment("CONVENER_CALENDAR_KEY")
    /// Where the state lives (default none: JSON files under `stateDirectory`, unless `CONVENER_DATABASE_URL` is set).
    public var store: StoreConfig?
    /// The SMTP server for mail (default none: no mail is sent).
    public var email: EmailConfig?
    /// The built-in web chat.
    public var playground: PlaygroundConfig
    /// The communities, at least one, with unique ids.
    public var communities: [CommunityConfig]
    /// Chat platform connections.
    public var platforms: PlatformsConfig
    /// How polls, feedback, surveys, pairing and engagement behave (the `polls`, `feedback`, `surveys`,
    /// `pairing` and `engagement` sections).
    public var settings: CommunitySettings = .defaults
    /// The file the values came from, as named by the operator; nil for the embedded defaults.
    public var sourceFile: String?
    /// Where each key path was written in `sourceFile`, for diagnostics raised after loading.
    public var sourcePositions: [String: ConfigPosition]

    /// The configuration used when there is no config file: one community "My Community" whose convenor is
    /// the playground member `convenor`, listening on loopback, state in `./convener-state`.
    public static let embeddedDefaults = ConvenerConfig(
        listen: ListenAddress(host: "127.0.0.1", port: 8080),
        stateDirectory: "convener-state",
        promptsDirectory: nil,
        logLevel: .info,
        adminToken: .defaultEnvironment("CONVENER_ADMIN_TOKEN"),
        playground: PlaygroundConfig(),
        communities: [
            CommunityConfig(
                name: "My Community",
                purpose: "A place to learn from each other's practice: ask, share, and help each other get better."
            )
        ],
        platforms: PlatformsConfig(),
        sourceFile: nil,
        sourcePositions: [:]
    )

    /// Creates a configuration from explicit values.
    public init(
        listen: ListenAddress,
        stateDirectory: String,
        promptsDirectory: String?,
        logLevel: ConfigLogLevel,
        adminToken: SecretSetting,
        playground: PlaygroundConfig,
        communities: [CommunityConfig],
        platforms: PlatformsConfig,
        sourceFile: String?,
        sourcePositions: [String: ConfigPosition]
    ) {
        self.listen = listen
        self.stateDirectory = stateDirectory
        self.promptsDirectory = promptsDirectory
        self.logLevel = logLevel
        self.adminToken = adminToken
        self.playground = playground
        self.communities = communities
        self.platforms = platforms
        self.sourceFile = sourceFile
        self.sourcePositions = sourcePositions
    }

    /// A diagnostic about `path`, placed where the config wrote it, or else where it wrote the nearest enclosing
    /// key (no place at all for defaults).
    public func diagnostic(at path: String, _ message: String) -> ConfigDiagnostic {
        var key = Substring(path)
        var position = sourcePositions[path]
        while position == nil, let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) {
            key = key[..<cut]
            position = sourcePositions[String(key)]
        }
        return ConfigDiagnostic(
            file: sourceFile ?? ConfigSource.embeddedDefaults.description,
            line: position?.line,
            column: position?.column,
            path: path,
            message: message
        )
    }
}
