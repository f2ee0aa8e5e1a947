/// A queued mail: an outbox entry carrying this goes out by e-mail instead of to a chat platform. The core decides
/// who gets what; the shell renders the mail from its templates and sends it.
public struct OutboxMail: Codable, Sendable, Equatable {
    /// What the mail is.
    public enum Kind: String, Codable, Sendable {
        /// The link a member opens to confirm their address.
        case confirmation
        /// The weekly round-up; its text is the message's text.
        case roundUp
    }

    /// What the mail is.
    public var kind: Kind
    /// The recipient address.
    public var to: String
    /// The member it goes to, or nil for the community's mailing list.
    public var member: MemberID?
    /// The subject line.
    public var subject: String
    /// The confirmation token, for the link in a confirmation mail.
    public var token: String?

    /// A mail.
    public init(kind: Kind, to: String, member: MemberID?, subject: String, token: String? = nil) {
        self.kind = kind
        self.to = to
        self.member = member
        self.subject = subject
        self.token = token
    }

    /// How a dead letter's reason starts when the mail server refused the address or the mail (a 5xx): the address
    /// then gets no more mail, and its member is told in the chat.
    public static let refusedReason = "the mail server refused it"
}
