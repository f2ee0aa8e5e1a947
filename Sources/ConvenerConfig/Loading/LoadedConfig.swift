/// A configuration ready to run: where it came from, its values and its resolved secrets.
public struct LoadedConfig: Sendable, Hashable, CustomStringConvertible {
    /// The file used, or the embedded defaults.
    public var source: ConfigSource
    /// The validated values.
    public var config: ConvenerConfig
    /// Secrets and environment defaults, resolved for the config's `listen` address.
    public var secrets: ResolvedSecrets

    /// Creates a loaded configuration.
    public init(source: ConfigSource, config: ConvenerConfig, secrets: ResolvedSecrets) {
        self.source = source
        self.config = config
        self.secrets = secrets
    }

    /// A one-line, loggable summary (no secret values).
    public var description: String {
        let communities = config.communities.map(\.id).joined(separator: ", ")
        return "config: \(source); listen: \(config.listen); communities: \(communities); \(secrets)"
    }
}
