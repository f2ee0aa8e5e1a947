import ConvenerCore
import Foundation

/// Turns verified Slack requests (slash commands, interactions, Events API) into platform-neutral inputs.
///
/// Member ids are `slack:<user id>` (e.g. `slack:U2CERLKJA`): Slack user ids are unique across workspaces, and a
/// community lives in one workspace, so the team id is kept in the reply context rather than in the member id.
public enum SlackParser {
    /// The platform name used in member ids and reply contexts.
    public static let platform = "slack"

    /// The member id of a Slack user.
    public static func memberID(user: String) -> MemberID {
        MemberID(platform: platform, user: user)
    }

    /// Parses a slash command body (`POST /slack/commands`, form-encoded).
    ///
    /// `ssl_check=1` is answered with an empty reply. The text is passed on as typed, whatever the command's
    /// name, so the app may register `/cop` under another name in a test workspace.
    public static func parseCommand(body: Data, now: Date) throws(PlatformParseError) -> PlatformInbound {
        let form = try PlatformFormFields(decoding: body)
        if form["ssl_check"] == "1" {
            return .reply(.empty)
        }
        _ = try form.require("command")
        let user = try form.require("user_id")
        let text = form["text"] ?? ""
        let input = Input(
            id: PlatformInputID.make(
                platform: platform, kind: "cmd", unique: form.optional("trigger_id"), body: body, now: now),
            member: memberID(user: user),
            displayName: form.optional("user_name") ?? user,
            event: .command(text.trimmingWhitespace)
        )
        let context = PlatformReplyContext(
            platform: platform,
            channelID: form.optional("channel_id"),
            teamID: form.optional("team_id"),
            responseURL: form.optional("response_url"),
            triggerID: form.optional("trigger_id")
        )
        return .input(PlatformRequest(input: input, context: context))
    }

    /// Parses an interaction body (`POST /slack/interactions`: form field `payload` holding JSON).
    ///
    /// `block_actions` on a Convener button becomes `.action`, `view_submission` becomes `.form`; `view_closed`,
    /// shortcuts and other kinds are ignored.
    public static func parseInteraction(body: Data, now: Date) throws(PlatformParseError) -> PlatformInbound {
        let form = try PlatformFormFields(decoding: body)
        let payloadText = try form.require("payload")
        let root = PlatformJSONCursor(try PlatformJSON.parse(Data(payloadText.utf8), what: "Field 'payload'"), path: "")
        let type = try root.string("type")
        switch type {
        case "block_actions": return try parseBlockActions(root, body: body, now: now)
        case "view_submission": return try parseViewSubmission(root, body: body, now: now)
        default: return .ignored(reason: "Slack interaction type '\(type)' is not used")
        }
    }

    /// Parses an Events API body (`POST /slack/events`, JSON).
    ///
    /// `url_verification` is answered with its challenge. In `event_callback`, `member_joined_channel` and
    /// `team_join` become `.memberJoined`, `reaction_added` `.reaction`, a plain user `message` an input; bot
    /// messages, message subtypes (edits, joins, deletions …) and other events are ignored. The input id derives
    /// from `event_id`, so Slack's retries of one event map to one input.
    public static func parseEvent(body: Data) throws(PlatformParseError) -> PlatformInbound {
        let root = PlatformJSONCursor(try PlatformJSON.parse(body, what: "The event body"), path: "")
        let type = try root.string("type")
        switch type {
        case "url_verification":
            let challenge = try root.nonEmptyString("challenge")
            return .reply(.json(["challenge": .string(challenge)]))
        case "event_callback":
            return try parseEventCallback(root)
        default:
            return .ignored(reason: "Slack event envelope type '\(type)' is not used")
        }
    }

    private static func parseEventCallback(_ root: PlatformJSONCursor) throws(PlatformParseError) -> PlatformInbound {
        let eventID = try root.nonEmptyString("event_id")
        let event = try root.field("event")
        let type = try event.string("type")
        switch type {
        case "message":
            if event.optionalField("bot_id") != nil || event.optionalField("bot_profile") != nil {
                return .ignored(reason: "message from a bot")
            }
            if let subtype = try event.optionalString("subtype") {
                return .ignored(reason: "message subtype '\(subtype)' is not a plain message")
            }
            // `message_replied` (a thread's parent changed) may come without its subtype, but always hidden.
            if event.optionalField("hidden") != nil { return .ignored(reason: "a hidden message (a thread update)") }
            let user = try event.nonEmptyString("user")
            let text = try event.optionalString("text") ?? ""
            let ts = try event.optionalString("ts")
            // A reply in a thread carries its parent's `thread_ts`; a thread's parent carries its own `ts` there.
            let thread = try event.optionalString("thread_ts").flatMap { $0 == ts ? nil : $0 }
            let input = Input(
                id: "\(platform).ev.\(eventID)", member: memberID(user: user), displayName: user,
                event: .message(text), respondsTo: thread)
            let context = PlatformReplyContext(
                platform: platform, channelID: try event.optionalString("channel"),
                teamID: try root.optionalString("team_id"), platformMessageID: ts)
            return .input(PlatformRequest(input: input, context: context))
        case "member_joined_channel":
            let user = try event.nonEmptyString("user")
            return .memberJoined(
                PlatformMemberEvent(
                    eventID: eventID, member: memberID(user: user), displayName: user,
                    channelID: try event.optionalString("channel"), teamID: try root.optionalString("team_id")))
        case "member_left_channel":
            let user = try event.nonEmptyString("user")
            let input = Input(
                id: "\(platform).ev.\(eventID)", member: memberID(user: user), displayName: user, event: .left)
            let context = PlatformReplyContext(
                platform: platform, channelID: try event.optionalString("channel"),
                teamID: try root.optionalString("team_id"))
            return .input(PlatformRequest(input: input, context: context))
        case "team_join":
            let user = try event.field("user")
            if let isBot = user.optionalField("is_bot"), try isBot.bool() {
                return .ignored(reason: "a bot joined the workspace")
            }
            let id = try user.nonEmptyString("id")
            let profile = user.optionalField("profile")
            let candidates = [
                try profile?.optionalString("display_name"), try profile?.optionalString("real_name"),
                try user.optionalString("real_name"), try user.optionalString("name"),
            ]
            let name = candidates.compactMap { $0 }.first ?? id
            return .memberJoined(
                PlatformMemberEvent(
                    eventID: eventID, member: memberID(user: id), displayName: name, channelID: nil,
                    teamID: try root.optionalString("team_id")))
        case "reaction_added":
            let user = try event.nonEmptyString("user")
            let author = try event.optionalString("item_user").map(memberID(user:))
            let item = event.optionalField("item")
            let channel = try item?.optionalString("channel")
            // Only a reaction on a message names one by `ts`; files and file comments have no place in a thread.
            let message = try item?.optionalString("type") == "message" ? try item?.optionalString("ts") : nil
            return .reaction(
                PlatformReaction(
                    eventID: eventID, member: memberID(user: user), emoji: try event.nonEmptyString("reaction"),
                    itemAuthor: author, channelID: channel, messageID: message))
        default:
            return .ignored(reason: "Slack event type '\(type)' is not used")
        }
    }

    private static func actingUser(_ root: PlatformJSONCursor) throws(PlatformParseError) -> (MemberID, String) {
        let user = try root.field("user")
        let id = try user.nonEmptyString("id")
        let candidates = [try user.optionalString("name"), try user.optionalString("username")]
        let name = candidates.compactMap { $0 }.first ?? id
        return (memberID(user: id), name)
    }

    private static func parseBlockActions(
        _ root: PlatformJSONCursor, body: Data, now: Date
    ) throws(PlatformParseError) -> PlatformInbound {
        let (member, name) = try actingUser(root)
        let actions = try root.field("actions").array()
        guard let action = actions.first else {
            throw .invalidValue(field: "actions", reason: "is empty; a block_actions payload names the clicked element")
        }
        let value = try action.string("value")
        guard let reference = PlatformActionReference(packed: value) else {
            throw .invalidValue(field: "\(action.path).value", reason: "is not a Convener button value")
        }
        let trigger = try root.optionalString("trigger_id")
        let container = root.optionalField("container")
        let channels = [
            try root.optionalField("channel")?.optionalString("id"), try container?.optionalString("channel_id"),
        ]
        let input = Input(
            id: PlatformInputID.make(platform: platform, kind: "act", unique: trigger, body: body, now: now),
            member: member, displayName: name,
            event: .action(messageID: reference.messageID, actionID: reference.actionID))
        let context = PlatformReplyContext(
            platform: platform,
            channelID: channels.compactMap { $0 }.first,
            teamID: try root.optionalField("team")?.optionalString("id"),
            responseURL: try root.optionalString("response_url"),
            triggerID: trigger,
            platformMessageID: try container?.optionalString("message_ts")
        )
        return .input(PlatformRequest(input: input, context: context))
    }

    private static func parseViewSubmission(
        _ root: PlatformJSONCursor, body: Data, now: Date
    ) throws(PlatformParseError) -> PlatformInbound {
        let (member, name) = try actingUser(root)
        let view = try root.field("view")
        let formID = try view.nonEmptyString("callback_id")
        var values: [String: FormValue] = [:]
        if let state = view.optionalField("state"), let blocks = state.optionalField("values") {
            for (blockID, block) in try blocks.members() {
                for (_, element) in try block.members() {
                    if let value = try formValue(element) {
                        values[blockID] = value
                    }
                }
            }
        }
        let trigger = try root.optionalString("trigger_id")
        var unique = trigger
        if unique == nil, let viewID = try view.optionalString("id") {
            let hash = try view.optionalString("hash")
            unique = "\(viewID).\(hash ?? "")"
        }
        let input = Input(
            id: PlatformInputID.make(platform: platform, kind: "form", unique: unique, body: body, now: now),
            member: member, displayName: name, event: .form(formID: formID, values: values))
        let context = PlatformReplyContext(
            platform: platform, teamID: try root.optionalField("team")?.optionalString("id"), triggerID: trigger)
        return .input(PlatformRequest(input: input, context: context))
    }

    /// The value of one input element of a submitted view; nil when the member left it empty.
    private static func formValue(_ element: PlatformJSONCursor) throws(PlatformParseError) -> FormValue? {
        let type = try element.string("type")
        switch type {
        case "plain_text_input":
            return try element.optionalString("value").map(FormValue.text)
        case "radio_buttons", "static_select":
            guard let option = element.optionalField("selected_option") else { return nil }
            return .choices([try option.string("value")])
        case "checkboxes", "multi_static_select":
            guard let options = element.optionalField("selected_options") else { return nil }
            var chosen: [String] = []
            for option in try options.array() {
                chosen.append(try option.string("value"))
            }
            return chosen.isEmpty ? nil : .choices(chosen)
        default:
            throw .unsupported("input element type '\(type)' at \(element.path)")
        }
    }
}
