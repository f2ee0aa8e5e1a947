/// Where and how mail leaves: an SMTP server reached through libcurl.
public struct SMTPSettings: Sendable, Hashable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable {
        /// Upgrade with STARTTLS and refuse to send without it (`smtp://`, the default off loopback).
        case starttls
        /// TLS from the first byte (`smtps://`, port 465).
        case implicit
        /// Plain text: only for a relay on this machine.
        case none
    }

    /// `smtp://mail.example.org:587` or `smtps://mail.example.org`.
    public var url: String
    /// The envelope and `From:` address.
    public var from: String
    /// The `From:` display name, if any.
    public var fromName: String?
    /// The login, if the server wants one.
    public var username: String?
    /// The password (from the environment or a file, never the config itself).
    public var password: String?
    /// How the connection is protected.
    public var security: Security
    /// The mailbox bounces of members' mail return to, VERP-style (`bounces+TOKEN@example.org`), if set.
    public var bounceAddress: String?

    /// Settings; `security` defaults from the URL: `smtps://` is implicit TLS, a loopback host may stay plain,
    /// anything else must use STARTTLS.
    public init(
        url: String, from: String, fromName: String? = nil, username: String? = nil, password: String? = nil,
        security: Security? = nil, bounceAddress: String? = nil
    ) {
        self.url = url
        self.from = from
        self.fromName = fromName
        self.username = username
        self.password = password
        self.security = security ?? Self.defaultSecurity(for: url)
        self.bounceAddress = bounceAddress
    }

    /// The protection a URL implies when none is configured.
    public static func defaultSecurity(for url: String) -> Security {
        if url.lowercased().hasPrefix("smtps://") { return .implicit }
        let host = url.dropFirst("smtp://".count).prefix { $0 != ":" && $0 != "/" }
        return host == "localhost" || host.hasPrefix("127.") || host == "[::1]" ? .none : .starttls
    }

    /// The domain for `Message-ID`s: the part of `from` after `@`.
    public var domain: String { String(from.split(separator: "@").last ?? "localhost") }
}
