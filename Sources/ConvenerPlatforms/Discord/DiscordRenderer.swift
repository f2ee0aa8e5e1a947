import ConvenerCore
import Foundation

/// Renders outbound messages as Discord interaction responses and message bodies within Discord's limits.
///
/// Text up to 2,000 characters is the `content`; longer text continues in embeds (4,096 characters each, 6,000 in
/// all) and whatever still does not fit ends with "…(truncated)". Buttons go in action rows of 5, at most 5 rows;
/// any further buttons are left off with a note in the text. A button's `custom_id` is the packed Convener
/// message and action ids (`PlatformActionReference`), at most 100 characters. Only user mentions may ping.
public enum DiscordRenderer {
    /// Discord's limit of characters in `content`.
    public static let maxContent = 2000
    /// Discord's limit of characters in an embed description.
    public static let maxEmbedDescription = 4096
    /// Discord's limit of characters across a message's embeds.
    public static let maxEmbedTotal = 6000
    /// Discord's limit of buttons in an action row.
    public static let maxButtonsPerRow = 5
    /// Discord's limit of action rows in a message.
    public static let maxRows = 5
    /// Discord's limit of characters in a button label.
    public static let maxLabel = 80
    /// Discord's limit of characters in a `custom_id`.
    public static let maxCustomID = 100
    /// The flag that makes an interaction response visible only to the member who acted.
    public static let ephemeralFlag = 64

    /// The PONG answering a PING (type 1).
    public static var pong: Data { PlatformJSON.object(["type": 1]).encoded }

    /// An acknowledgement now, with the message to follow by editing the original response (type 5).
    public static func deferredMessage(ephemeral: Bool) -> Data {
        var data: [String: PlatformJSON] = [:]
        if ephemeral { data["flags"] = .int(ephemeralFlag) }
        return PlatformJSON.object(["type": 5, "data": .object(data)]).encoded
    }

    /// An acknowledgement of a button click, with the clicked message to be edited later (type 6).
    public static var deferredUpdate: Data { PlatformJSON.object(["type": 6]).encoded }

    /// The interaction response for `message`: type 7 (edit the message whose button was clicked) when it
    /// updates `clickedMessageID`, the Convener id of that message; else type 4 (a new message), ephemeral when
    /// the audience is. Pass nil for commands: Discord accepts type 7 only for component interactions.
    public static func interactionResponse(
        _ message: OutboundMessage, clickedMessageID: String? = nil
    ) throws(PlatformRenderError) -> Data {
        var data = try messageData(message)
        var type = 4
        if let updates = message.updates, updates == clickedMessageID {
            type = 7
            // The ephemeral flag cannot change on an edit.
            if case .object(var members) = data {
                members["flags"] = nil
                data = .object(members)
            }
        }
        return PlatformJSON.object(["type": .int(type), "data": data]).encoded
    }

    /// The body of a follow-up (`POST /webhooks/{application}/{token}`) or of editing the original response.
    public static func followup(_ message: OutboundMessage) throws(PlatformRenderError) -> Data {
        try messageData(message).encoded
    }

    /// The body of `POST /channels/{channel}/messages` (for a direct message, the DM channel's id); never ephemeral.
    public static func createMessage(_ message: OutboundMessage) throws(PlatformRenderError) -> Data {
        var data = try messageData(message)
        if case .object(var members) = data {
            members["flags"] = nil
            data = .object(members)
        }
        return data.encoded
    }

    /// The message object: `content`, `embeds`, `components`, `flags`, `allowed_mentions`.
    public static func messageData(_ message: OutboundMessage) throws(PlatformRenderError) -> PlatformJSON {
        let buttons = FormOpening.buttons(of: message)
        let shown = buttons.prefix(maxButtonsPerRow * maxRows)
        var text = Self.text(of: message)
        let hidden = buttons.count - shown.count
        if hidden > 0 {
            text += "\n(\(hidden) more button\(hidden == 1 ? "" : "s") not shown: Discord shows at most 25.)"
        }
        var data: [String: PlatformJSON] = ["allowed_mentions": ["parse": ["users"]]]
        let (content, embeds) = split(text)
        data["content"] = .string(content)
        if !embeds.isEmpty {
            data["embeds"] = .array(embeds.map { ["description": .string($0)] })
        }
        var rows: [PlatformJSON] = []
        var row: [PlatformJSON] = []
        for action in shown {
            let customID = PlatformActionReference(messageID: message.id, actionID: action.id).packed
            guard PlatformText.length(customID) <= maxCustomID else {
                throw .identifierTooLong(what: "message and button id", id: customID, limit: maxCustomID)
            }
            row.append([
                "type": 2, "style": .int(shown.count == 1 ? 1 : 2), "custom_id": .string(customID),
                "label": .string(
                    PlatformText.clipped(action.label.isEmpty ? action.id : action.label, limit: maxLabel)),
            ])
            if row.count == maxButtonsPerRow {
                rows.append(["type": 1, "components": .array(row)])
                row = []
            }
        }
        if !row.isEmpty { rows.append(["type": 1, "components": .array(row)]) }
        data["components"] = .array(rows)
        if message.isEphemeral { data["flags"] = .int(ephemeralFlag) }
        return .object(data)
    }

    /// The message's text with each Discord member mentioned as `<@id>`, which Discord links and notifies (the
    /// `allowed_mentions` of every message allow users only); members from other platforms keep their "@name".
    public static func text(of message: OutboundMessage) -> String {
        message.text(renderingMentions: { mention in
            mention.member.platform == DiscordParser.platform ? "<@\(mention.member.user)>" : "@" + mention.name
        })
    }

    /// Splits text into content and embed descriptions within Discord's limits.
    private static func split(_ text: String) -> (String, [String]) {
        guard !PlatformText.fits(text, in: maxContent) else { return (text, []) }
        let head = PlatformText.chunks(text, limit: maxContent)
        let content = head[0]
        let rest = String(text.dropFirst(content.count))
        var embeds: [String] = []
        var budget = maxEmbedTotal
        for piece in PlatformText.chunks(rest, limit: maxEmbedDescription) {
            let size = PlatformText.length(piece)
            if size <= budget {
                embeds.append(piece)
                budget -= size
            } else {
                if budget > PlatformText.length(PlatformText.truncationMarker) {
                    embeds.append(PlatformText.markedTruncation(piece, limit: budget))
                } else if let last = embeds.popLast() {
                    embeds.append(PlatformText.markedTruncation(last, limit: PlatformText.length(last)))
                }
                break
            }
        }
        return (content, embeds)
    }
}
