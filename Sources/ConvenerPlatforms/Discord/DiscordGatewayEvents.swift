import ConvenerCore

/// Turns the Gateway dispatches Convener uses into inbounds, like `SlackParser` does for Slack's Events API:
///
/// - `MESSAGE_CREATE` of a member in a guild becomes a `.message` input (activity). It answers a prompt when it is in
///   a thread whose id is the prompt's message id (a thread started from the prompt has the message's id) or, in
///   the channel itself, when it is a reply (type 19) whose `message_reference.message_id` is the prompt. Its text
///   is empty: without the privileged MESSAGE_CONTENT intent Discord sends none, and Convener needs none.
/// - `MESSAGE_REACTION_ADD` of a member becomes a `.reaction` on `message_id` (in a thread, placed in its parent).
///
/// Messages and reactions of bots (the bot itself among them), webhooks, system messages (joins, pins, thread
/// notices) and anything outside a guild are ignored. A message in a thread is placed in the thread's parent
/// channel, so it reaches the community bound there; `unknownChannel` names a channel to look up first.
public enum DiscordGatewayEvents {
    /// Message types that are a member writing: DEFAULT (0) and REPLY (19).
    public static let memberMessageTypes: Set<Int> = [0, 19]

    /// The channel of a message or reaction whose place is not known yet (a thread created while the bot was away):
    /// look it up (`GET /channels/{id}`) and learn it before parsing. Nil when nothing needs looking up.
    public static func unknownChannel(type: String, data: PlatformJSON, channels: DiscordChannelMap) -> String? {
        guard type == "MESSAGE_CREATE" || type == "MESSAGE_REACTION_ADD" else { return nil }
        let root = PlatformJSONCursor(data, path: "d")
        guard (try? root.optionalString("guild_id")) != nil, let channel = try? root.optionalString("channel_id"),
            channels.place(of: channel) == .unknown
        else { return nil }
        // A message says what kind of channel it is in; only a thread's parent needs looking up.
        if let kind = try? root.optionalField("channel_type")?.int(), !DiscordChannelMap.threadTypes.contains(kind) {
            return nil
        }
        return channel
    }

    /// The inbound of a dispatch `type` with `data`, sent as the dispatch numbered `sequence`; `botUserID` is the
    /// bot's own id from `READY`.
    public static func inbound(
        type: String, data: PlatformJSON, sequence: Int?, botUserID: String, channels: DiscordChannelMap
    ) throws(PlatformParseError) -> PlatformInbound {
        let root = PlatformJSONCursor(data, path: "d")
        switch type {
        case "MESSAGE_CREATE": return try message(root, botUserID: botUserID, channels: channels)
        case "MESSAGE_REACTION_ADD":
            return try reaction(root, sequence: sequence, botUserID: botUserID, channels: channels)
        default: return .ignored(reason: "Discord Gateway event \(type) is not used")
        }
    }

    private static func message(
        _ root: PlatformJSONCursor, botUserID: String, channels: DiscordChannelMap
    ) throws(PlatformParseError) -> PlatformInbound {
        guard let guild = try root.optionalString("guild_id") else {
            return .ignored(reason: "a message outside a guild")
        }
        let author = try root.field("author")
        let userID = try author.nonEmptyString("id")
        if userID == botUserID { return .ignored(reason: "the bot's own message") }
        if let bot = author.optionalField("bot"), try bot.bool() { return .ignored(reason: "a message from a bot") }
        if try root.optionalString("webhook_id") != nil { return .ignored(reason: "a webhook's message") }
        let kind = try root.field("type").int()
        guard memberMessageTypes.contains(kind) else { return .ignored(reason: "a system message of type \(kind)") }
        let messageID = try root.nonEmptyString("id")
        let channel = try root.nonEmptyString("channel_id")
        var context = PlatformReplyContext(
            platform: DiscordParser.platform, channelID: channel, teamID: guild, platformMessageID: messageID)
        var respondsTo: String?
        if case .thread(let parent) = channels.place(of: channel) {
            // A thread started from a message has that message's id, so the thread itself names the prompt.
            context.channelID = parent
            context.threadID = channel
            respondsTo = channel
        } else if kind == 19, let reference = root.optionalField("message_reference") {
            respondsTo = try reference.optionalString("message_id")
        }
        let input = Input(
            id: "\(DiscordParser.platform).msg.\(messageID)", member: DiscordParser.memberID(user: userID),
            displayName: try displayName(member: root.optionalField("member"), user: author, fallback: userID),
            event: .message(try root.optionalString("content") ?? ""), respondsTo: respondsTo)
        return .input(PlatformRequest(input: input, context: context))
    }

    private static func reaction(
        _ root: PlatformJSONCursor, sequence: Int?, botUserID: String, channels: DiscordChannelMap
    ) throws(PlatformParseError) -> PlatformInbound {
        guard try root.optionalString("guild_id") != nil else { return .ignored(reason: "a reaction outside a guild") }
        let userID = try root.nonEmptyString("user_id")
        if userID == botUserID { return .ignored(reason: "the bot's own reaction") }
        let member = root.optionalField("member")
        if let bot = member?.optionalField("user")?.optionalField("bot"), try bot.bool() {
            return .ignored(reason: "a reaction from a bot")
        }
        let messageID = try root.nonEmptyString("message_id")
        let emoji = try root.field("emoji")
        // A custom emoji has an id and a name; a standard one only its name (the character itself).
        let emojiID = try emoji.optionalString("id")
        let emojiName = try emoji.optionalString("name") ?? emojiID ?? "emoji"
        // Reactions have no id of their own; the dispatch's number tells a second add after a removal from a repeat.
        let eventID = "react.\(messageID).\(userID).\(emojiID ?? emojiName).\(sequence ?? 0)"
        return .reaction(
            PlatformReaction(
                eventID: eventID, member: DiscordParser.memberID(user: userID), emoji: emojiName,
                itemAuthor: try root.optionalString("message_author_id").map(DiscordParser.memberID(user:)),
                channelID: try root.optionalString("channel_id").map { channels.parentOrSelf($0) },
                messageID: messageID))
    }

    /// The guild nickname, else the global name, else the user name, else the id.
    private static func displayName(
        member: PlatformJSONCursor?, user: PlatformJSONCursor, fallback: String
    ) throws(PlatformParseError) -> String {
        let names = [
            try member?.optionalString("nick"), try user.optionalString("global_name"),
            try user.optionalString("username"),
        ]
        return names.compactMap { $0 }.first ?? fallback
    }
}
