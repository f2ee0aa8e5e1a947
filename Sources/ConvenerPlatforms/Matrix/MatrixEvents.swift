import ConvenerCore
import Foundation

/// Turns Matrix room events into platform-neutral inbounds: `!cop …` (or `/cop …` typed as text) is a command,
/// other text a message (activity), `m.room.member` joins and leaves, `m.reaction` a reaction. The bot's own
/// events and everything else are ignored.
public enum MatrixEvents {
    /// The platform's name: member ids are `matrix:@user:server`, bindings `matrix_room`.
    public static let platform = "matrix"
    /// A message; the event types Convener reads, which the sync filter asks for, follow.
    public static let messageType = "m.room.message"
    /// A membership change.
    public static let memberType = "m.room.member"
    /// An emoji reaction.
    public static let reactionType = "m.reaction"
    /// End-to-end encryption turned on.
    public static let encryptionType = "m.room.encryption"
    /// The command prefixes: the Matrix bot convention first, then the slash other platforms use.
    public static let commandPrefixes = ["!cop", "/cop"]

    /// The inbound `event` stands for, seen by the bot `botUserID`. The member it is about (the sender, or the subject
    /// of a membership change) is named by the event's own `displayname` (a join carries it), else `displayName`
    /// (what the room or the profile says), else the user id's localpart. A poll response is not read here (`vote`).
    public static func inbound(_ event: MatrixEvent, botUserID: String, displayName: String? = nil) -> PlatformInbound {
        guard event.sender != botUserID else { return .ignored(reason: "the bot's own event") }
        let sender = MemberID(platform: platform, user: event.sender)
        let inputID = "\(platform).\(event.eventID)"
        let context = replyContext(of: event)
        switch event.type {
        case messageType:
            guard event.content["m.new_content"] == nil else { return .ignored(reason: "an edit") }
            guard let body = event.content["body"]?.stringValue else { return .ignored(reason: "no body") }
            let text = withoutReplyFallback(body)
            let input: InputEvent = command(in: text).map { .command($0) } ?? .message(text)
            return .input(
                PlatformRequest(
                    input: Input(
                        id: inputID, member: sender, displayName: displayName ?? localpart(of: event.sender),
                        event: input, respondsTo: event.threadRoot ?? event.repliesTo),
                    context: context))
        case memberType:
            guard let subject = event.stateKey, subject != botUserID else { return .ignored(reason: "the bot") }
            let now = event.content["membership"]?.stringValue
            let before = event.previousContent?["membership"]?.stringValue
            let name = event.content["displayname"]?.stringValue ?? displayName ?? localpart(of: subject)
            let joined = PlatformMemberEvent(
                eventID: event.eventID, member: MemberID(platform: platform, user: subject), displayName: name,
                channelID: event.roomID)
            if now == "join", before != "join" { return .memberJoined(joined) }
            if now == "leave" || now == "ban", before == "join" { return .memberLeft(joined) }
            return .ignored(reason: "a membership change that is neither a join nor a leave")
        case reactionType:
            guard let key = event.relation?["key"]?.stringValue else { return .ignored(reason: "no reaction key") }
            let annotated =
                event.relation?["rel_type"]?.stringValue == "m.annotation"
                ? event.relation?["event_id"]?.stringValue : nil
            return .reaction(
                PlatformReaction(
                    eventID: event.eventID, member: sender, emoji: key, itemAuthor: nil, channelID: event.roomID,
                    messageID: annotated))
        case _ where MatrixPolls.responseTypes.contains(event.type):
            return .ignored(reason: "a poll response, counted against the poll it answers")
        default:
            return .ignored(reason: "event type \(event.type)")
        }
    }

    /// The whole vote `response` (sent as `event`) casts in `poll`, for the community to count; the answers follow
    /// MSC3381's rules (`MatrixPoll.selection`).
    public static func vote(
        _ event: MatrixEvent, response: MatrixPollResponse, poll: MatrixPoll, displayName: String? = nil
    ) -> PlatformInbound {
        let vote = InputEvent.vote(messageID: poll.message, answerIDs: poll.selection(of: response))
        let input = Input(
            id: "\(platform).\(event.eventID)", member: MemberID(platform: platform, user: event.sender),
            displayName: displayName ?? localpart(of: event.sender), event: vote)
        return .input(PlatformRequest(input: input, context: replyContext(of: event)))
    }

    private static func replyContext(of event: MatrixEvent) -> PlatformReplyContext {
        var context = PlatformReplyContext(
            platform: platform, channelID: event.roomID, platformMessageID: event.eventID)
        context.threadID = event.threadRoot
        return context
    }

    /// What follows `!cop` or `/cop` at the start of `text`, or nil when it is not a command.
    public static func command(in text: String) -> String? {
        let trimmed = text.trimmingWhitespace
        for prefix in commandPrefixes where trimmed.lowercased().hasPrefix(prefix) {
            let rest = trimmed.dropFirst(prefix.count)
            guard rest.isEmpty || rest.first?.isWhitespace == true else { continue }
            return rest.trimmingWhitespace
        }
        return nil
    }

    /// `alice` of `@alice:example.org`: the name of last resort when neither the room nor the profile gives one,
    /// and the default display name Synapse gives.
    public static func localpart(of userID: String) -> String {
        let name = userID.dropFirst(userID.hasPrefix("@") ? 1 : 0)
        return String(name.prefix { $0 != ":" })
    }

    /// The body without the quoted lines a rich reply starts with (`> <@alice:example.org> …`).
    static func withoutReplyFallback(_ body: String) -> String {
        guard body.hasPrefix("> ") else { return body }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.drop { $0.hasPrefix(">") || $0.isEmpty }.joined(separator: "\n")
    }
}
