import ConvenerPlatforms
import Foundation

/// Chat platform connections, one section per platform in `PlatformSettingsRegistry.all`. Each platform is
/// enabled when its inbound secret resolves.
public struct PlatformsConfig: Sendable, Hashable {
    /// One platform's settings: where each secret is read from, and each plain value (URL or id).
    public struct Section: Sendable, Hashable {
        /// The secrets by key, e.g. `bot_token`: written in the config or the declared default variable.
        public var secrets: [String: SecretSetting]
        /// The plain values by key, e.g. `api_base_url`, as text (URLs already validated).
        public var values: [String: PlatformValue<String>]
        /// Whether the config has a `platforms.<name>` section (then a missing inbound secret is an error).
        public var isConfigured = false

        /// The declared defaults: every key on its default environment variable.
        public init(_ declaration: PlatformSettingsDeclaration) {
            var secrets: [String: SecretSetting] = [:]
            var values: [String: PlatformValue<String>] = [:]
            for setting in declaration.settings {
                switch setting.kind {
                case .secret(let name, _):
                    secrets[setting.key] = .defaultEnvironment(name)
                case .url(let name, let fallback):
                    values[setting.key] = .environment(name: name, fallback: fallback)
                case .identifier(let name, _, _, _):
                    values[setting.key] = .environment(name: name, fallback: nil)
                }
            }
            self.secrets = secrets
            self.values = values
        }
    }

    /// Each declared platform's settings, by platform name.
    public var sections: [String: Section]

    /// Every platform on its default environment variables.
    public init() {
        sections = Dictionary(
            uniqueKeysWithValues: PlatformSettingsRegistry.all.map { ($0.name, Section($0)) })
    }

    /// The settings of the platform called `name`, e.g. `slack`; nil for a platform nobody declared.
    public subscript(name: String) -> Section? {
        get { sections[name] }
        set { sections[name] = newValue }
    }
}
