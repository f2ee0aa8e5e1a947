import ConvenerCore
import Foundation

/// Turns verified Discord interactions into inputs. Member ids are `discord:<user id>`; the display name is the
/// guild nickname, else the global name, else the user name.
///
/// Type 1 (PING) is answered with PONG; type 2 (application command) becomes `.command` with the command's
/// string option `text` (empty when absent); type 3 (message component) becomes `.action` from its packed
/// `custom_id`; type 5 (modal submit) becomes `.form` with each text input's value as `.text` (resolve choice
/// answers with `DiscordModalAnswers.resolve`); type 4 (autocomplete) is ignored.
public enum DiscordParser {
    /// The platform name used in member ids and reply contexts.
    public static let platform = "discord"

    /// The member id of a Discord user.
    public static func memberID(user: String) -> MemberID {
        MemberID(platform: platform, user: user)
    }

    /// Parses an interaction body (`POST /discord/interactions`, JSON).
    public static func parseInteraction(body: Data) throws(PlatformParseError) -> PlatformInbound {
        let root = PlatformJSONCursor(try PlatformJSON.parse(body, what: "The interaction body"), path: "")
        let type = try root.field("type").int()
        if type == 1 {
            return .reply(.json(["type": 1]))
        }
        let interactionID = try root.nonEmptyString("id")
        let event: InputEvent
        let kind: String
        switch type {
        case 2:
            kind = "cmd"
            event = .command(try commandText(root.field("data")))
        case 3:
            kind = "act"
            let data = try root.field("data")
            let customID = try data.nonEmptyString("custom_id")
            guard let reference = PlatformActionReference(packed: customID) else {
                throw .invalidValue(field: "data.custom_id", reason: "is not a Convener button id")
            }
            event = .action(messageID: reference.messageID, actionID: reference.actionID)
        case 5:
            kind = "form"
            let data = try root.field("data")
            event = .form(formID: try data.nonEmptyString("custom_id"), values: try modalValues(data))
        case 4:
            return .ignored(reason: "autocomplete interactions are not used")
        default:
            throw .unsupported("Discord interaction type \(type)")
        }
        let (member, name) = try actingUser(root)
        let input = Input(id: "\(platform).\(kind).\(interactionID)", member: member, displayName: name, event: event)
        let channels = [try root.optionalString("channel_id"), try root.optionalField("channel")?.optionalString("id")]
        let context = PlatformReplyContext(
            platform: platform,
            channelID: channels.compactMap { $0 }.first,
            teamID: try root.optionalString("guild_id"),
            interactionID: interactionID,
            interactionToken: try root.nonEmptyString("token"),
            applicationID: try root.optionalString("application_id"),
            platformMessageID: try root.optionalField("message")?.optionalString("id")
        )
        return .input(PlatformRequest(input: input, context: context))
    }

    private static func actingUser(_ root: PlatformJSONCursor) throws(PlatformParseError) -> (MemberID, String) {
        let guildMember = root.optionalField("member")
        guard let user = guildMember?.optionalField("user") ?? root.optionalField("user") else {
            throw .missingField("member.user")
        }
        let id = try user.nonEmptyString("id")
        let names = [
            try guildMember?.optionalString("nick"), try user.optionalString("global_name"),
            try user.optionalString("username"),
        ]
        return (memberID(user: id), names.compactMap { $0 }.first ?? id)
    }

    private static func commandText(_ data: PlatformJSONCursor) throws(PlatformParseError) -> String {
        guard let options = data.optionalField("options") else { return "" }
        for option in try options.array() where try option.string("name") == "text" {
            guard let value = option.optionalField("value") else { return "" }
            return try value.string().trimmingWhitespace
        }
        return ""
    }

    private static func modalValues(_ data: PlatformJSONCursor) throws(PlatformParseError) -> [String: FormValue] {
        var values: [String: FormValue] = [:]
        guard let rows = data.optionalField("components") else { return values }
        for row in try rows.array() {
            var inputs: [PlatformJSONCursor] = []
            if let children = row.optionalField("components") { inputs += try children.array() }
            if let child = row.optionalField("component") { inputs.append(child) }
            for input in inputs {
                let id = try input.nonEmptyString("custom_id")
                if let text = try input.optionalString("value") {
                    values[id] = .text(text)
                } else if let selected = input.optionalField("values") {
                    var chosen: [String] = []
                    for item in try selected.array() { chosen.append(try item.string()) }
                    if !chosen.isEmpty { values[id] = .choices(chosen) }
                }
            }
        }
        return values
    }
}
