import ConvenerCore

/// A message as the playground API shows it (PRODUCT.md §5).
public struct PlaygroundMessage: Codable, Sendable, Equatable {
    /// The message id, used to click its buttons.
    public var id: String
    /// The text; a mentioned member reads "@name" here.
    public var text: String
    /// The members named in `text`, which the playground page highlights; empty when there are none.
    public var mentions: [PlaygroundMention]
    /// Whether only the member who asked sees it.
    public var ephemeral: Bool
    /// Buttons.
    public var actions: [PlaygroundAction]
    /// A form to fill in.
    public var form: MessageForm?
    /// The id of an earlier message this one replaces.
    public var updates: String?
    /// The member who wrote it, for members' own messages; nil for the bot.
    public var author: String?

    /// Renders a core message for the playground.
    public init(_ message: OutboundMessage) {
        self.id = message.id
        self.text = message.text
        self.mentions = message.mentions.map(PlaygroundMention.init)
        self.ephemeral = message.isEphemeral
        self.actions = message.actions.map { PlaygroundAction(id: $0.id, label: $0.label) }
        self.form = message.form
        self.updates = message.updates
        self.author = nil
    }

    /// A member's own message, echoed into the channel.
    public init(id: String, author: String, text: String) {
        self.id = id
        self.text = text
        self.mentions = []
        self.ephemeral = false
        self.actions = []
        self.author = author
    }
}

/// A button as the playground API shows it.
public struct PlaygroundAction: Codable, Sendable, Equatable {
    /// The action id to send back.
    public var id: String
    /// The button label.
    public var label: String
}

/// A member named in a playground message: where "@name" sits in the text, so the page can highlight it.
public struct PlaygroundMention: Codable, Sendable, Equatable {
    /// The member's playground name (their user id), or the full `platform:user` id of a member from elsewhere.
    public var member: String
    /// Where "@name" starts in the text, in UTF-16 code units (JavaScript string indices).
    public var offset: Int
    /// How long "@name" is, in UTF-16 code units.
    public var length: Int

    /// The playground form of a core mention.
    public init(_ mention: MessageMention) {
        member = mention.member.platform == "playground" ? mention.member.user : mention.member.rawValue
        offset = mention.offset
        length = mention.length
    }
}
