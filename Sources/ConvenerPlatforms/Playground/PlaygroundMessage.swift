import ConvenerCore

/// A message as the playground API shows it (PRODUCT.md §5).
public struct PlaygroundMessage: Codable, Sendable, Equatable {
    /// The message id, used to click its buttons.
    public var id: String
    /// The text.
    public var text: String
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
