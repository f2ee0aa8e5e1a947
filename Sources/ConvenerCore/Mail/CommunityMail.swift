/// How a community uses e-mail: whether members may subscribe to the round-up, the mailing list that also gets
/// it, and the link back into the chat its mails carry.
public struct CommunityMail: Sendable, Equatable {
    /// Whether members may give an address (`/cop me email`): the operator set up SMTP and the link key.
    public var membersMaySubscribe: Bool
    /// A mailing-list address that gets every round-up (config `email.round_up_to`), if any.
    public var roundUpTo: String?
    /// Where the mails link to for the conversation (config `email.chat_link`), if any.
    public var chatLink: String?

    /// Mail settings for one community.
    public init(membersMaySubscribe: Bool, roundUpTo: String? = nil, chatLink: String? = nil) {
        self.membersMaySubscribe = membersMaySubscribe
        self.roundUpTo = roundUpTo
        self.chatLink = chatLink
    }
}
