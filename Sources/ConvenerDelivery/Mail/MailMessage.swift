import ConvenerCore
import Foundation

/// One e-mail: envelope, headers and a plain-text body with an optional HTML alternative.
public struct MailMessage: Sendable, Hashable {
    /// The sender address (`convener@example.org`).
    public var from: String
    /// The sender's display name, if any (`Data Science CoP`).
    public var fromName: String?
    /// The recipient address.
    public var to: String
    /// The subject line (any Unicode).
    public var subject: String
    /// The plain-text body.
    public var text: String
    /// The HTML alternative, if any.
    public var html: String?
    /// A stable id for the `Message-ID` header (`roundup-2026-w49.data-science`), so a retry is recognisable.
    public var id: String
    /// The one-click unsubscribe URL (RFC 8058), if the mail is a list mail.
    public var unsubscribeURL: String?
    /// The envelope sender (`MAIL FROM`), where bounces go, when it is not `from` (a VERP address that names the
    /// recipient, see `email.bounce_address`).
    public var envelopeFrom: String?

    /// A message.
    public init(
        from: String, fromName: String? = nil, to: String, subject: String, text: String, html: String? = nil,
        id: String, unsubscribeURL: String? = nil, envelopeFrom: String? = nil
    ) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.id = id
        self.unsubscribeURL = unsubscribeURL
        self.envelopeFrom = envelopeFrom
    }

    /// Whether `address` looks like a deliverable mailbox (see `MailAddress.isPlausible`).
    public static func isPlausibleAddress(_ address: String) -> Bool {
        MailAddress.isPlausible(address)
    }
}
