/// Settings of the built-in web chat, which lets anyone who reaches it speak as any member.
public struct PlaygroundConfig: Sendable, Hashable {
    /// When the playground is served.
    public enum Mode: String, Sendable, Hashable {
        /// Only while the daemon listens on a loopback address.
        case auto
        /// Always; on a non-loopback address this requires an admin token.
        case on
        /// Never.
        case off
    }

    /// When the playground is served (`auto` by default).
    public var enabled: Mode

    /// Creates playground settings.
    public init(enabled: Mode = .auto) {
        self.enabled = enabled
    }

    /// Whether the playground is served when listening on `address`.
    public func isEnabled(listeningOn address: ListenAddress) -> Bool {
        switch enabled {
        case .auto: address.isLoopback
        case .on: true
        case .off: false
        }
    }
}
