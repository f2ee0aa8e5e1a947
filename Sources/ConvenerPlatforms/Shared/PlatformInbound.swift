import ConvenerCore
import Foundation

/// What a verified, parsed platform request asks Convener to do.
public enum PlatformInbound: Sendable, Equatable {
    /// An input for the core reducer, with what is needed to answer it on the platform.
    case input(PlatformRequest)
    /// A member joined the workspace or channel.
    case memberJoined(PlatformMemberEvent)
    /// A member left the channel (Matrix `m.room.member` leave).
    case memberLeft(PlatformMemberEvent)
    /// A member reacted to a message with an emoji.
    case reaction(PlatformReaction)
    /// A protocol handshake to answer at once with this body and no state change (Slack URL check, Discord PING).
    case reply(PlatformHTTPReply)
    /// Nothing to do; answer 200 with an empty body. The reason is for logs.
    case ignored(reason: String)
}

/// An input and the platform details needed to answer it.
public struct PlatformRequest: Sendable, Equatable {
    /// The platform-neutral input; `input.id` is stable across the platform's retries where the platform allows it.
    public var input: Input
    /// Where and how to answer.
    public var context: PlatformReplyContext
    /// The open form a submission answers, looked up before it runs, for platforms that redraw the form itself
    /// with the refused fields marked (Teams' Adaptive Cards); nil otherwise.
    public var form: MessageForm?

    /// A request.
    public init(input: Input, context: PlatformReplyContext) {
        self.input = input
        self.context = context
    }
}

/// Where a request came from and how to answer it later; fields a platform does not send are nil.
public struct PlatformReplyContext: Sendable, Equatable {
    /// The platform's name, e.g. `slack`.
    public var platform: String
    /// The channel the request was made in.
    public var channelID: String?
    /// The workspace (Slack team, Mattermost team, Discord guild).
    public var teamID: String?
    /// Slack and Mattermost: the URL that accepts delayed replies for about 30 minutes.
    public var responseURL: String?
    /// Slack and Mattermost: the id that opens a modal or dialog within 3 seconds.
    public var triggerID: String?
    /// Discord: the interaction id and token, for follow-ups and editing the original response.
    public var interactionID: String?
    /// Discord: the interaction token (valid 15 minutes).
    public var interactionToken: String?
    /// Discord: the application id, part of follow-up URLs.
    public var applicationID: String?
    /// The platform's id of the message a button was clicked on (Slack `ts`, Mattermost post id, Discord message id).
    public var platformMessageID: String?
    /// Whether the request came from a direct conversation, when the platform says so beyond the channel id.
    public var isDirect: Bool?
    /// What the platform needs to answer in the same conversation later, opaque to everything but the platform
    /// (Teams: the connector's service URL, the conversation, the activity answered, the tenant).
    public var address: [String: String] = [:]
    /// The thread the request was made in (Matrix's thread root event), so public replies go there too.
    public var threadID: String?

    /// A reply context.
    public init(
        platform: String,
        channelID: String? = nil,
        teamID: String? = nil,
        responseURL: String? = nil,
        triggerID: String? = nil,
        interactionID: String? = nil,
        interactionToken: String? = nil,
        applicationID: String? = nil,
        platformMessageID: String? = nil
    ) {
        self.platform = platform
        self.channelID = channelID
        self.teamID = teamID
        self.responseURL = responseURL
        self.triggerID = triggerID
        self.interactionID = interactionID
        self.interactionToken = interactionToken
        self.applicationID = applicationID
        self.platformMessageID = platformMessageID
    }
}

/// A member who joined (Slack `team_join`, `member_joined_channel`).
public struct PlatformMemberEvent: Sendable, Equatable {
    /// Deduplication key: the platform's event id.
    public var eventID: String
    /// Who joined.
    public var member: MemberID
    /// Their display name, or their user id when the event does not carry a name.
    public var displayName: String
    /// The channel joined; nil for a workspace join.
    public var channelID: String?
    /// The workspace joined (Slack's team id), when the event says.
    public var teamID: String?

    /// A join event.
    public init(eventID: String, member: MemberID, displayName: String, channelID: String?, teamID: String? = nil) {
        self.eventID = eventID
        self.member = member
        self.displayName = displayName
        self.channelID = channelID
        self.teamID = teamID
    }
}

/// An emoji reaction (Slack `reaction_added`), which counts as activity.
public struct PlatformReaction: Sendable, Equatable {
    /// Deduplication key: the platform's event id.
    public var eventID: String
    /// Who reacted.
    public var member: MemberID
    /// The emoji name, without colons.
    public var emoji: String
    /// The author of the message reacted to, when known.
    public var itemAuthor: MemberID?
    /// The channel of the message reacted to, when known.
    public var channelID: String?
    /// The platform's id of the message reacted to (Slack `item.ts`, Matrix `m.annotation` event id), when known.
    public var messageID: String?

    /// A reaction event.
    public init(
        eventID: String, member: MemberID, emoji: String, itemAuthor: MemberID?, channelID: String?,
        messageID: String? = nil
    ) {
        self.eventID = eventID
        self.member = member
        self.emoji = emoji
        self.itemAuthor = itemAuthor
        self.channelID = channelID
        self.messageID = messageID
    }
}

/// An HTTP 200 answer whose body the adapter already knows.
public struct PlatformHTTPReply: Sendable, Equatable {
    /// The `Content-Type` to send.
    public var contentType: String
    /// The body.
    public var body: Data

    /// A reply.
    public init(contentType: String, body: Data) {
        self.contentType = contentType
        self.body = body
    }

    /// A JSON reply.
    public static func json(_ value: PlatformJSON) -> PlatformHTTPReply {
        PlatformHTTPReply(contentType: "application/json", body: value.encoded)
    }

    /// An empty reply.
    public static let empty = PlatformHTTPReply(contentType: "text/plain", body: Data())
}
