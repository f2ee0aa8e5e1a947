import ConvenerCore
import ConvenerDelivery
import ConvenerStore
import Foundation
import Logging

/// Everything `convener serve` needs, resolved from the config file (or the embedded defaults), the
/// environment and the command-line overrides.
public struct DaemonConfiguration: Sendable {
    /// Where the configuration came from, for the start-up summary ("embedded defaults" or a path).
    public var source: String
    /// The HTTP server's settings.
    public var server: ServerSettings
    /// The state folder; each community has a folder inside it.
    public var stateDirectory: String
    /// Where the prompt library came from: the built-in library, then each convenor folder, with counts.
    public var promptSources: [String] = []
    /// The log level.
    public var logLevel: Logger.Level
    /// The communities served; chat requests are routed among them by where they come from, and the playground
    /// speaks to the first unless a request names another.
    public var communities: [CommunityProfile]
    /// The rules every community runs.
    public var rules: RuleSet
    /// Each community's own rules (`communities[].rules`), by community id; they add to or replace shared ones.
    public var communityRules: [String: RuleSet] = [:]
    /// Where the rules came from, for the start-up summary.
    public var rulesSource: String
    /// The prompt library: the built-in folder and the convenors' own.
    public var prompts: PromptLibrary = PromptLibrary()
    /// How polls, feedback, surveys, pairing and engagement behave.
    public var settings: CommunitySettings = .defaults
    /// The SMTP server mail goes through; nil when the config has no `email` section.
    public var email: SMTPSettings?
    /// Problems found while reading the prompt folders, one line each (the rest of the library still loads).
    public var promptProblems: [String] = []
    /// The PostgreSQL database every community's state lives in (`CONVENER_DATABASE_URL` or `store.postgres`);
    /// nil keeps each community in its folder under `stateDirectory`.
    public var database: PostgresSettings?

    /// A daemon configuration.
    public init(
        source: String,
        server: ServerSettings,
        stateDirectory: String,
        logLevel: Logger.Level,
        communities: [CommunityProfile],
        rules: RuleSet = .empty,
        rulesSource: String = "none"
    ) {
        self.source = source
        self.server = server
        self.stateDirectory = stateDirectory
        self.logLevel = logLevel
        self.communities = communities
        self.rules = rules
        self.rulesSource = rulesSource
    }

    /// The state folder of one community.
    public func stateDirectory(for community: CommunityProfile) -> String {
        URL(fileURLWithPath: stateDirectory).appendingPathComponent(community.id).path
    }

    /// The rules `community` runs: the shared ones with its own on top.
    public func rules(for community: String) -> RuleSet {
        communityRules[community].map { rules.overriding(with: $0) } ?? rules
    }
}
