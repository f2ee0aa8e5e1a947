/// The `email` section: the SMTP server that sends round-ups and confirmations.
public struct EmailConfig: Sendable, Hashable {
    /// `smtp://host:587` (STARTTLS) or `smtps://host:465` (implicit TLS).
    public var smtpURL: String
    /// The sender address.
    public var from: String
    /// The sender's display name, if any.
    public var fromName: String?
    /// The SMTP login, if any.
    public var username: String?
    /// Where the SMTP password comes from, if the server wants one.
    public var password: SecretSetting?
    /// `starttls`, `implicit` or `none`; nil to derive it from the URL.
    public var security: String?
    /// Where the key that signs the links in mails comes from (unsubscribe links); without it members cannot
    /// subscribe, and only mailing lists get mail.
    public var linkKey: SecretSetting = .defaultEnvironment("CONVENER_EMAIL_KEY")
    /// The mailbox bounces come back to (`bounces@example.org`), if set: each member's mail then goes out with the
    /// envelope sender `bounces+TOKEN@example.org`, so a bounce that arrives later names whom it is about.
    public var bounceAddress: String?

    /// A section with the required keys.
    public init(smtpURL: String, from: String) {
        self.smtpURL = smtpURL
        self.from = from
    }
}
