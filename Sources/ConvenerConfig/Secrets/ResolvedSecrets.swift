/// Everything the daemon reads from the environment and secret files at startup, checked together.
public struct ResolvedSecrets: Sendable, Hashable, CustomStringConvertible {
    /// The admin token, when one resolved.
    public var adminToken: ConfigSecret?
    /// The enabled platforms and their secrets.
    public var platforms: ResolvedPlatforms
    /// Whether the playground is served on the address this was resolved for.
    public var playgroundEnabled: Bool
    /// The calendar feeds' key, when one resolved.
    public var calendarKey: ConfigSecret?
    /// The SMTP password, when the `email` section names one.
    public var emailPassword: ConfigSecret?
    /// The key that signs the links in mails, when the `email` section's `link_key` resolved.
    public var emailLinkKey: ConfigSecret?
    /// The PostgreSQL URL (`store.postgres.url`, default env `CONVENER_DATABASE_URL`), when one resolved.
    public var databaseURL: ConfigSecret?

    /// Creates resolved settings.
    public init(adminToken: ConfigSecret?, platforms: ResolvedPlatforms, playgroundEnabled: Bool) {
        self.adminToken = adminToken
        self.platforms = platforms
        self.playgroundEnabled = playgroundEnabled
    }

    /// A loggable summary; secrets show only as present or absent.
    public var description: String {
        let token = adminToken == nil ? "none" : "set"
        let calendar = calendarKey == nil ? "none" : "set"
        return "admin token: \(token); calendar key: \(calendar); playground: \(playgroundEnabled ? "on" : "off"); "
            + "\(platforms)"
    }
}
