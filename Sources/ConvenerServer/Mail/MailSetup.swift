import ConvenerDelivery

/// What sending mail takes: the SMTP server, the templates, and the signed links (nil without `email.link_key`).
public struct MailSetup: Sendable {
    /// The SMTP server.
    public let mailer: SMTPMailer
    /// The templates.
    public let renderer: MailRenderer
    /// The links mails carry.
    public let links: MailLinks?
    /// The envelope senders that bring later bounces back, when `email.bounce_address` and the link key are set.
    public let bounces: MailBounceAddress?
    /// Temporary failures so far, shared by every community's mail lanes.
    let backoff = MailBackoff()

    /// A setup.
    public init(mailer: SMTPMailer, renderer: MailRenderer, links: MailLinks?, bounces: MailBounceAddress? = nil) {
        self.mailer = mailer
        self.renderer = renderer
        self.links = links
        self.bounces = bounces
    }
}
