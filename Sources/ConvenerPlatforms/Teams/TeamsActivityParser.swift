import ConvenerCore
import Foundation

/// Turns verified Bot Framework activities (`POST /teams/messages`) into inputs. Member ids are `teams:<from.id>`
/// (the `29:…` id the connector knows).
///
/// - `message`: the bot's `<at>…</at>` mention is removed (the `mention` entities naming the recipient), so
///   `@Convener cop poll …` in a channel and `cop poll …` or `/cop poll …` in a 1:1 chat are the same command; other
///   text is a channel message. A message carrying a `value` is an `Action.Submit` click or form.
/// - `invoke` named `adaptiveCard/action`: an `Action.Execute` click or form submission (`value.action.data`).
/// - `conversationUpdate`: `membersAdded` is a join (the bot's own addition, the app's installation, is only
///   acknowledged), `membersRemoved` a departure.
/// - `messageReaction` with `reactionsAdded` counts as activity.
///
/// Clicks carry `{"convener": <packed PlatformActionReference>}` and forms `{"convenerForm": <form id>}` with each
/// input's value under its field id; form values arrive as text and are read against the form before they run
/// (`TeamsFormAnswers`).
public enum TeamsActivityParser {
    /// The platform name used in member ids and reply contexts.
    public static let platform = TeamsSettings.platform
    /// The data key of a button's packed action reference.
    public static let actionKey = "convener"
    /// The data key of a form's id.
    public static let formKey = "convenerForm"
    /// The invoke name of Universal Actions (`Action.Execute`).
    public static let cardActionInvoke = "adaptiveCard/action"

    /// The member id of a Teams user.
    public static func memberID(user: String) -> MemberID {
        MemberID(platform: platform, user: user)
    }

    /// The activity's `serviceUrl`, read before anything else so the token's `serviceurl` claim can be compared
    /// with it.
    public static func serviceURL(in body: Data) throws(PlatformParseError) -> String {
        let root = PlatformJSONCursor(try PlatformJSON.parse(body, what: "The activity"), path: "")
        return try root.nonEmptyString("serviceUrl")
    }

    /// Where a verified activity came from and how to answer in its conversation.
    public static func conversation(in body: Data) throws(PlatformParseError) -> TeamsConversationAddress {
        let root = PlatformJSONCursor(try PlatformJSON.parse(body, what: "The activity"), path: "")
        return try address(root)
    }

    /// Parses a verified activity.
    public static func parse(_ body: Data, now: Date) throws(PlatformParseError) -> PlatformInbound {
        let root = PlatformJSONCursor(try PlatformJSON.parse(body, what: "The activity"), path: "")
        let type = try root.nonEmptyString("type")
        switch type {
        case "message":
            if let value = root.optionalField("value"), case .object = value.value {
                return try submission(value, root: root, body: body, now: now)
                    ?? .ignored(reason: "an Action.Submit from a card that is not Convener's")
            }
            let text = try strippedText(root)
            guard !text.isEmpty else { return .ignored(reason: "a message with no text") }
            if let command = command(in: text) {
                return try input(root, kind: "cmd", event: .command(command), body: body, now: now)
            }
            return try input(root, kind: "msg", event: .message(text), body: body, now: now)
        case "invoke":
            let name = try root.optionalString("name") ?? ""
            guard name == cardActionInvoke else { return .ignored(reason: "invoke '\(name)' is not used") }
            let action = try root.field("value").field("action")
            let data = action.optionalField("data") ?? PlatformJSONCursor(.object([:]), path: "value.action.data")
            return try submission(data, root: root, body: body, now: now)
                ?? .reply(
                    .json(
                        TeamsCardRenderer.errorResponse(
                            "This card is not Convener's: its data has neither '\(actionKey)' nor '\(formKey)'.")))
        case "conversationUpdate":
            let bot = try root.optionalField("recipient")?.optionalString("id")
            if let added = try others(in: root.optionalField("membersAdded"), bot: bot) {
                return try input(root, kind: "join", event: .joined, body: body, now: now, acting: added)
            }
            if let removed = try others(in: root.optionalField("membersRemoved"), bot: bot) {
                return try input(root, kind: "left", event: .left, body: body, now: now, acting: removed)
            }
            return .ignored(reason: "the app was installed, removed or renamed")
        case "messageReaction":
            guard let reactions = root.optionalField("reactionsAdded"), let first = try reactions.array().first
            else { return .ignored(reason: "a reaction was removed") }
            let emoji = try first.optionalString("type") ?? "like"
            return try input(root, kind: "react", event: .reaction(emoji: emoji), body: body, now: now)
        default:
            return .ignored(reason: "activity type '\(type)' is not used")
        }
    }

    /// The command after `cop` or `/cop`, or nil when the text is not one.
    static func command(in text: String) -> String? {
        for prefix in ["/cop", "cop"] {
            guard text.count >= prefix.count, text.prefix(prefix.count).lowercased() == prefix else { continue }
            let rest = text.dropFirst(prefix.count)
            guard rest.isEmpty || rest.first?.isWhitespace == true else { continue }
            return rest.trimmingWhitespace
        }
        return nil
    }

    /// The text without the bot's mention, HTML entities decoded and whitespace trimmed.
    static func strippedText(_ root: PlatformJSONCursor) throws(PlatformParseError) -> String {
        var text = try root.optionalString("text") ?? ""
        let bot = try root.optionalField("recipient")?.optionalString("id")
        var removed = false
        if let entities = root.optionalField("entities") {
            for entity in try entities.array() where try entity.optionalString("type") == "mention" {
                let mentioned = try entity.optionalField("mentioned")?.optionalString("id")
                guard mentioned == bot, let mention = try entity.optionalString("text") else { continue }
                text = text.replacingOccurrences(of: mention, with: " ")
                removed = true
            }
        }
        // Some clients send the mention without its entity: a leading <at>…</at> is the bot's.
        if !removed, text.hasPrefix("<at>"), let end = text.range(of: "</at>") {
            text = String(text[end.upperBound...])
        }
        return decodeEntities(text).trimmingWhitespace
    }

    private static func decodeEntities(_ text: String) -> String {
        var decoded = text.replacingOccurrences(of: "\u{00A0}", with: " ")
        for (entity, character) in [
            ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"),
            ("&amp;", "&"),
        ] {
            decoded = decoded.replacingOccurrences(of: entity, with: character)
        }
        return decoded
    }

    /// The click or form a card's data carries, or nil when the card is not Convener's.
    private static func submission(
        _ data: PlatformJSONCursor, root: PlatformJSONCursor, body: Data, now: Date
    ) throws(PlatformParseError) -> PlatformInbound? {
        if let field = data.optionalField(actionKey) {
            let packed = try field.string()
            guard let reference = PlatformActionReference(packed: packed) else {
                throw .invalidValue(field: "\(data.path).\(actionKey)", reason: "is not a Convener button id")
            }
            return try input(
                root, kind: "act", event: .action(messageID: reference.messageID, actionID: reference.actionID),
                body: body, now: now)
        }
        if let formID = try data.optionalString(formKey) {
            var values: [String: FormValue] = [:]
            for (key, value) in try data.members() where key != formKey && key != actionKey {
                switch value.value {
                case .string(let text): values[key] = .text(text)
                case .int(let number): values[key] = .text(String(number))
                case .number(let number): values[key] = .text(String(number))
                case .bool(let flag): values[key] = .text(flag ? "true" : "false")
                default: continue
                }
            }
            return try input(root, kind: "form", event: .form(formID: formID, values: values), body: body, now: now)
        }
        return nil
    }

    private static func others(in members: PlatformJSONCursor?, bot: String?) throws(PlatformParseError)
        -> PlatformJSONCursor?
    {
        guard let members else { return nil }
        for member in try members.array() where try member.optionalString("id") != bot {
            return member
        }
        return nil
    }

    private static func input(
        _ root: PlatformJSONCursor, kind: String, event: InputEvent, body: Data, now: Date,
        acting: PlatformJSONCursor? = nil
    ) throws(PlatformParseError) -> PlatformInbound {
        let who: PlatformJSONCursor
        if let acting { who = acting } else { who = try root.field("from") }
        let user = try who.nonEmptyString("id")
        let name = try who.optionalString("name") ?? user
        let address = try address(root)
        var context = PlatformReplyContext(
            platform: platform, channelID: address.channel, teamID: address.team,
            platformMessageID: try root.optionalString("replyToId"))
        context.isDirect = address.isPersonal
        context.address = address.fields
        if try root.optionalString("type") == "invoke" { context.address["invoke"] = "1" }
        let id = PlatformInputID.make(
            platform: platform, kind: kind, unique: try root.optionalString("id").map { "\($0).\(user)" },
            body: body, now: now)
        return .input(
            PlatformRequest(
                input: Input(
                    id: id, member: memberID(user: user), displayName: name, event: event,
                    respondsTo: try respondsTo(root, event: event)),
                context: context))
    }

    /// The message a message answers or a reaction is on: a channel reply names its thread's root activity in
    /// `replyToId` (and in the conversation id's `;messageid=` suffix), a reaction names the message reacted to.
    private static func respondsTo(_ root: PlatformJSONCursor, event: InputEvent) throws(PlatformParseError)
        -> String?
    {
        switch event {
        case .message, .reaction:
            if let replyTo = try root.optionalString("replyToId") { return replyTo }
            guard let conversation = try root.optionalField("conversation")?.optionalString("id"),
                let marker = conversation.range(of: ";messageid=")
            else { return nil }
            // A thread's first message carries its own id there: it starts the thread, it answers nothing.
            let thread = String(conversation[marker.upperBound...])
            return thread == (try root.optionalString("id")) ? nil : thread
        default:
            return nil
        }
    }

    private static func address(_ root: PlatformJSONCursor) throws(PlatformParseError) -> TeamsConversationAddress {
        let conversation = try root.field("conversation")
        let conversationID = try conversation.nonEmptyString("id")
        let channelData = root.optionalField("channelData")
        let type = try conversation.optionalString("conversationType")
        let isGroup = try conversation.optionalField("isGroup")?.bool() ?? false
        var tenant = try conversation.optionalString("tenantId")
        if tenant == nil { tenant = try channelData?.optionalField("tenant")?.optionalString("id") }
        let threadChannel = conversationID.split(separator: ";").first.map(String.init) ?? conversationID
        return TeamsConversationAddress(
            serviceURL: try root.nonEmptyString("serviceUrl"),
            conversation: conversationID,
            activity: try root.optionalString("id"),
            channel: try channelData?.optionalField("channel")?.optionalString("id") ?? threadChannel,
            team: try channelData?.optionalField("team")?.optionalString("id"),
            tenant: tenant,
            user: try root.optionalField("from")?.optionalString("id"),
            isPersonal: type.map { $0 == "personal" } ?? !isGroup)
    }
}
