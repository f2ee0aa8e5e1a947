import ConvenerPlatforms
import Foundation

/// The platforms that are on, with their secrets resolved. `description` shows which, never a secret.
public struct ResolvedPlatforms: Sendable, Hashable, CustomStringConvertible {
    /// One enabled platform: its resolved secrets and plain values, by the keys its declaration names.
    public struct Platform: Sendable, Hashable {
        /// The platform's name, e.g. `slack`.
        public var name: String
        /// The secrets that resolved, by key; always holds the one that enables the platform.
        public var secrets: [String: ConfigSecret]
        /// The plain values that are set (URLs as text, ids), by key.
        public var values: [String: String]

        /// Creates a resolved platform.
        public init(name: String, secrets: [String: ConfigSecret], values: [String: String] = [:]) {
            self.name = name
            self.secrets = secrets
            self.values = values
        }
    }

    /// The enabled platforms, in the order of `PlatformSettingsRegistry.all`.
    public var enabled: [Platform]

    /// Creates the set of enabled platforms.
    public init(_ enabled: [Platform] = []) {
        self.enabled = enabled
    }

    /// The platform called `name`, or nil when it is off.
    public subscript(name: String) -> Platform? {
        enabled.first { $0.name == name }
    }

    /// The names of the enabled platforms, in the registry's order, e.g. `slack`, `mattermost`, `discord`.
    public var enabledNames: [String] { enabled.map(\.name) }

    /// E.g. `slack: on (bot token: yes, api: https://slack.com/api); mattermost: off; discord: off`.
    public var description: String {
        PlatformSettingsRegistry.all.map { declaration in
            guard let platform = self[declaration.name] else { return "\(declaration.name): off" }
            let parts = declaration.settings.compactMap { setting -> String? in
                guard let label = setting.summaryLabel else { return nil }
                if case .secret = setting.kind {
                    return "\(label): \(platform.secrets[setting.key] == nil ? "no" : "yes")"
                }
                return "\(label): \(platform.values[setting.key] ?? "none")"
            }
            return "\(declaration.name): on" + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
        }
        .joined(separator: "; ")
    }
}
