import ConvenerCore

/// What the HTTP server needs to know, resolved from the config and the command line.
public struct ServerSettings: Sendable {
    /// The interface to listen on.
    public var host: String
    /// The port to listen on; 0 picks a free one.
    public var port: Int
    /// Whether the playground web chat is served.
    public var playgroundEnabled: Bool
    /// The token that guards the playground (when it is on beyond loopback) and the admin pages.
    public var adminToken: String?
    /// The chat platforms' secrets; each platform's routes are served when its secret is present.
    public var platforms: PlatformCredentials
    /// Convener's address as the chat platforms reach it (config `public_url`, else `CONVENER_PUBLIC_URL`);
    /// nil to derive it from the listen address or the request.
    public var publicURL: String?
    /// The key the calendar feeds' URLs derive from; nil serves no feed.
    public var calendarKey: String?
    /// The key that signs the unsubscribe links in mails; nil lets no member subscribe.
    public var emailLinkKey: String?

    /// Server settings.
    public init(
        host: String,
        port: Int,
        playgroundEnabled: Bool,
        adminToken: String?,
        platforms: PlatformCredentials = PlatformCredentials(),
        publicURL: String? = nil
    ) {
        self.host = host
        self.port = port
        self.playgroundEnabled = playgroundEnabled
        self.adminToken = adminToken
        self.platforms = platforms
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    /// Whether `host` only accepts connections from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
