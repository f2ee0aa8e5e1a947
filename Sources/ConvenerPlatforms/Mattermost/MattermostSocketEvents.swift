import ConvenerCore
import Foundation

/// One text frame of Mattermost's WebSocket (`/api/v4/websocket`), as Convener reads it.
public enum MattermostSocketMessage: Sendable, Equatable {
    /// The greeting of a new connection (`seq` 0); its connection id lets a reconnect resume it.
    case hello(connectionID: String, seq: Int)
    /// Any other event: its sequence number on the connection and what it asks Convener to do (`ignored` for the
    /// many events Convener does not use).
    case event(seq: Int, inbound: PlatformInbound)
    /// The server's answer to an action the client sent (`seq_reply`); it moves no sequence.
    case reply
}

/// Reads the frames of Mattermost's WebSocket: `posted` becomes a member's message (a reply in a thread
/// `respondsTo` the thread's root post), `reaction_added` a reaction on the post it names; the bot's own posts and
/// reactions, system posts (`type` starting `system_`) and posts by bots or webhooks are ignored, like Slack's bot
/// messages and message subtypes. Both payloads are JSON strings inside the event's `data` (Mattermost's
/// `WebSocketEvent`), parsed here with their path in every error.
///
/// The input id derives from the post id (a post) or from the reaction's post, user, emoji and time (a
/// reaction), so the same event replayed after a reconnect maps to the same input.
public enum MattermostSocketEvents {
    /// The message one text frame holds. `botUserID` is the bot's own user id (`GET /api/v4/users/me`).
    public static func parse(_ text: String, botUserID: String) throws(PlatformParseError) -> MattermostSocketMessage {
        let root = PlatformJSONCursor(try PlatformJSON.parse(Data(text.utf8), what: "The WebSocket frame"), path: "")
        if root.optionalField("seq_reply") != nil { return .reply }
        let type = try root.string("event")
        let seq = try root.field("seq").int()
        switch type {
        case "hello":
            return .hello(connectionID: try root.field("data").nonEmptyString("connection_id"), seq: seq)
        case "posted":
            return .event(seq: seq, inbound: try posted(try root.field("data"), botUserID: botUserID))
        case "reaction_added":
            let channel = try root.optionalField("broadcast")?.optionalString("channel_id")
            return .event(
                seq: seq, inbound: try reaction(try root.field("data"), channelID: channel, botUserID: botUserID))
        default:
            return .event(seq: seq, inbound: .ignored(reason: "Mattermost event '\(type)' is not used"))
        }
    }

    /// The inner JSON document of `data.<name>`, a string.
    private static func embedded(_ data: PlatformJSONCursor, _ name: String) throws(PlatformParseError)
        -> PlatformJSONCursor
    {
        let text = try data.string(name)
        return PlatformJSONCursor(
            try PlatformJSON.parse(Data(text.utf8), what: "Field '\(data.path).\(name)'"),
            path: "\(data.path).\(name)")
    }

    private static func posted(_ data: PlatformJSONCursor, botUserID: String) throws(PlatformParseError)
        -> PlatformInbound
    {
        let post = try embedded(data, "post")
        let id = try post.nonEmptyString("id")
        let user = try post.nonEmptyString("user_id")
        if user == botUserID { return .ignored(reason: "the bot's own post") }
        let type = try post.optionalString("type") ?? ""
        if type.hasPrefix("system_") { return .ignored(reason: "a system post ('\(type)')") }
        let props = post.optionalField("props")
        if isTrue(props?.optionalField("from_bot")) || isTrue(props?.optionalField("from_webhook")) {
            return .ignored(reason: "a post by a bot or webhook")
        }
        // A reply in a thread names the thread's first post; a post that starts no thread has an empty root.
        let root = try post.optionalString("root_id").flatMap { $0.isEmpty ? nil : $0 }
        let sender = try data.optionalString("sender_name").map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        let input = Input(
            id: "\(MattermostParser.platform).post.\(id)", member: MattermostParser.memberID(user: user),
            displayName: sender.flatMap { $0.isEmpty ? nil : $0 } ?? user,
            event: .message(try post.optionalString("message") ?? ""), respondsTo: root)
        var context = PlatformReplyContext(
            platform: MattermostParser.platform, channelID: try post.nonEmptyString("channel_id"),
            teamID: try data.optionalString("team_id").flatMap { $0.isEmpty ? nil : $0 }, platformMessageID: id)
        context.threadID = root
        // `D` is a direct channel, `G` a group message: neither is a community's channel.
        if let channelType = try data.optionalString("channel_type") {
            context.isDirect = channelType == "D" || channelType == "G"
        }
        return .input(PlatformRequest(input: input, context: context))
    }

    private static func reaction(_ data: PlatformJSONCursor, channelID: String?, botUserID: String)
        throws(PlatformParseError) -> PlatformInbound
    {
        let reaction = try embedded(data, "reaction")
        let user = try reaction.nonEmptyString("user_id")
        if user == botUserID { return .ignored(reason: "the bot's own reaction") }
        let post = try reaction.nonEmptyString("post_id")
        let emoji = try reaction.nonEmptyString("emoji_name")
        let createdAt = try reaction.optionalField("create_at")?.int() ?? 0
        return .reaction(
            PlatformReaction(
                eventID: "reaction.\(post).\(user).\(emoji).\(createdAt)",
                member: MattermostParser.memberID(user: user),
                emoji: emoji, itemAuthor: nil, channelID: channelID.flatMap { $0.isEmpty ? nil : $0 },
                messageID: post))
    }

    /// Mattermost's post props hold flags as `"true"` (older servers) or `true`.
    private static func isTrue(_ value: PlatformJSONCursor?) -> Bool {
        switch value?.value {
        case .bool(true)?, .string("true")?: return true
        default: return false
        }
    }
}
