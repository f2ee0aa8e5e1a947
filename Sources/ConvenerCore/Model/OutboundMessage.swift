/// A platform-neutral message from the bot; each platform adapter renders it in its own format.
public struct OutboundMessage: Codable, Sendable, Equatable {
    /// Stable id, used to edit the message later and to route button clicks back to it.
    public var id: String
    /// Who sees the message.
    public var audience: Audience
    /// The text, in plain text with backticks for code; a mentioned member reads "@name" here.
    public var text: String
    /// The members named in `text`, for platforms that render native mentions; empty when there are none.
    public var mentions: [MessageMention]
    /// Buttons under the message.
    public var actions: [MessageAction]
    /// A form to fill in (surveys, modals).
    public var form: MessageForm?
    /// The poll this message shows, for platforms with native polls; nil for every other message.
    public var poll: MessagePoll?
    /// The id of an earlier message this one replaces in place.
    public var updates: String?
    /// Why a submitted form was refused, by field id, for platforms that show errors next to the fields (Slack
    /// modals, Mattermost dialogs); empty otherwise. The text says the same for everyone else.
    public var fieldErrors: [String: String]
    /// Files that go with the message, on the platforms that take files; empty when there are none.
    public var attachments: [OutboundAttachment]

    /// A message; member placeholders in `text` (`MessageMention.placeholder`) become `mentions`.
    public init(
        id: String,
        audience: Audience,
        text: String,
        actions: [MessageAction] = [],
        form: MessageForm? = nil,
        updates: String? = nil,
        fieldErrors: [String: String] = [:],
        attachments: [OutboundAttachment] = [],
        poll: MessagePoll? = nil
    ) {
        self.id = id
        self.audience = audience
        (self.text, self.mentions) = MessageMention.extract(from: text)
        self.actions = actions
        self.form = form
        self.updates = updates
        self.fieldErrors = fieldErrors
        self.attachments = attachments
        self.poll = poll
    }

    private enum CodingKeys: String, CodingKey {
        case id, audience, text, mentions, actions, form, updates, fieldErrors, attachments, poll
    }

    /// Decodes a message; `mentions`, `fieldErrors`, `attachments` and `poll`, newer than the journal's first
    /// records, may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        audience = try container.decode(Audience.self, forKey: .audience)
        text = try container.decode(String.self, forKey: .text)
        mentions = try container.decodeIfPresent([MessageMention].self, forKey: .mentions) ?? []
        actions = try container.decodeIfPresent([MessageAction].self, forKey: .actions) ?? []
        form = try container.decodeIfPresent(MessageForm.self, forKey: .form)
        updates = try container.decodeIfPresent(String.self, forKey: .updates)
        fieldErrors = try container.decodeIfPresent([String: String].self, forKey: .fieldErrors) ?? [:]
        attachments = try container.decodeIfPresent([OutboundAttachment].self, forKey: .attachments) ?? []
        poll = try container.decodeIfPresent(MessagePoll.self, forKey: .poll)
    }

    /// Encodes a message, leaving `mentions`, `fieldErrors`, `attachments` and `poll` out when there are none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(audience, forKey: .audience)
        try container.encode(text, forKey: .text)
        if !mentions.isEmpty { try container.encode(mentions, forKey: .mentions) }
        try container.encode(actions, forKey: .actions)
        try container.encodeIfPresent(form, forKey: .form)
        try container.encodeIfPresent(updates, forKey: .updates)
        if !fieldErrors.isEmpty { try container.encode(fieldErrors, forKey: .fieldErrors) }
        if !attachments.isEmpty { try container.encode(attachments, forKey: .attachments) }
        try container.encodeIfPresent(poll, forKey: .poll)
    }

    /// The text with each mention rendered by `render` (a platform's native form), the rest as it is.
    public func text(renderingMentions render: (MessageMention) -> String) -> String {
        MessageMention.render(text, mentions: mentions, render)
    }

    /// Whether only one member sees the message where it was asked for.
    public var isEphemeral: Bool {
        if case .ephemeral = audience { return true }
        return false
    }
}

/// Who a message is for.
public enum Audience: Codable, Sendable, Equatable {
    /// Everyone in the community's channel.
    case channel
    /// One member, privately.
    case direct(MemberID)
    /// One member, in the channel where they asked, visible only to them.
    case ephemeral(MemberID)
}

/// A button under a message.
public struct MessageAction: Codable, Sendable, Equatable {
    /// The id sent back when the button is clicked.
    public var id: String
    /// What the button says.
    public var label: String

    /// A button.
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// A form attached to a message: a survey or a modal.
public struct MessageForm: Codable, Sendable, Equatable {
    /// The id sent back with the submitted values.
    public var id: String
    /// The form's title.
    public var title: String
    /// The fields, in order.
    public var fields: [FormField]
    /// What the submit button says.
    public var submitLabel: String

    /// A form.
    public init(id: String, title: String, fields: [FormField], submitLabel: String = "Submit") {
        self.id = id
        self.title = title
        self.fields = fields
        self.submitLabel = submitLabel
    }
}

/// One field of a form.
public struct FormField: Codable, Sendable, Equatable {
    /// The kinds of field every platform can render.
    public enum Kind: String, Codable, Sendable {
        case text, textarea, scale, single, multi
    }

    /// The key of the field's value in a submission.
    public var id: String
    /// The question.
    public var label: String
    /// How the answer is given.
    public var kind: Kind
    /// The choices of `single` and `multi` fields.
    public var options: [MessageAction]
    /// Whether a submission must answer it.
    public var required: Bool

    /// A field.
    public init(id: String, label: String, kind: Kind, options: [MessageAction] = [], required: Bool = false) {
        self.id = id
        self.label = label
        self.kind = kind
        self.options = options
        self.required = required
    }
}
