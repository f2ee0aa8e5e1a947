/// Something that happened in the chat and that the community reacts to, in a platform-neutral form.
public struct Input: Sendable, Equatable {
    /// A unique id the adapter gives the input; the ids of messages answering it derive from it.
    public var id: String
    /// Who did it.
    public var member: MemberID
    /// The name the platform shows for the member.
    public var displayName: String
    /// What happened.
    public var event: InputEvent
    /// The platform's id of the message a message answers (the root of the thread it was posted in: Slack
    /// `thread_ts`, Teams `replyToId`, Matrix `m.thread` / `m.in_reply_to`) or a reaction is on (Slack `item.ts`,
    /// Teams `replyToId`, Matrix `m.annotation`); nil for anything else. The prompt statistics read it.
    public var respondsTo: String?

    /// An input.
    public init(id: String, member: MemberID, displayName: String, event: InputEvent, respondsTo: String? = nil) {
        self.id = id
        self.member = member
        self.displayName = displayName
        self.event = event
        self.respondsTo = respondsTo
    }
}

/// The kinds of input the core understands.
public enum InputEvent: Sendable, Equatable {
    /// A `/cop …` command; the text is what follows `/cop`.
    case command(String)
    /// A plain message posted in a community channel.
    case message(String)
    /// A click on a button of an earlier message.
    case action(messageID: String, actionID: String)
    /// A member's whole vote in a poll shown natively (`OutboundMessage.poll`, e.g. Matrix's `m.poll.response`):
    /// the ids of the answers they pick now, replacing their earlier vote; none takes it back.
    case vote(messageID: String, answerIDs: [String])
    /// A submitted form.
    case form(formID: String, values: [String: FormValue])
    /// The member left the community's channel or workspace.
    case left
    /// The member joined the community's channel or workspace (Slack `member_joined_channel`, `team_join`).
    case joined
    /// The member reacted to a message with an emoji (its name without colons); it counts as activity.
    case reaction(emoji: String)
}

/// A submitted form value: one string, or the ids of the chosen options.
public enum FormValue: Sendable, Equatable {
    case text(String)
    case choices([String])
}
