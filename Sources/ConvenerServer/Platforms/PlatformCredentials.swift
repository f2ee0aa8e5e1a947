import ConvenerConfig
import ConvenerPlatforms

/// The secrets and values the chat platform routes and deliveries use, by platform and by the keys its
/// settings declaration names; a platform's routes exist only when its enabling secret does. Each platform's
/// folder reads its own keys in a `PlatformCredentials+<Name>.swift` extension.
public struct PlatformCredentials: Sendable {
    /// Each platform's settings by name (`slack`), then by key (`bot_token`): revealed secrets and plain values.
    public var platforms: [String: [String: String]]

    /// Credentials from settings by platform and key; by default none, so no platform route is served.
    public init(_ platforms: [String: [String: String]] = [:]) {
        self.platforms = platforms
    }

    /// The credentials of the enabled platforms in `resolved`: their secrets revealed, their values as text.
    public init(_ resolved: ResolvedPlatforms) {
        var platforms: [String: [String: String]] = [:]
        for platform in resolved.enabled {
            platforms[platform.name] = platform.values.merging(
                platform.secrets.mapValues(\.revealedValue), uniquingKeysWith: { _, secret in secret })
        }
        self.init(platforms)
    }

    /// The setting `key` of `platform`, e.g. `self["slack", "bot_token"]`, or nil when it is not set.
    public subscript(platform: String, key: String) -> String? {
        platforms[platform]?[key]
    }

    /// The platforms that will be served, by name: those whose enabling secret is set, in the registry's order.
    public var servedPlatforms: [String] {
        PlatformSettingsRegistry.all.filter { self[$0.name, $0.enabledBy] != nil }.map(\.name)
    }
}
