import ConvenerCore
import Foundation

/// Renders outbound messages as Slack Block Kit payloads that stay within Slack's limits.
///
/// Text becomes `mrkdwn` sections of at most 3,000 characters; buttons go in `actions` blocks of at most 25;
/// a message has at most 50 blocks, and text that does not fit ends with "…(truncated)". Each button's `value`
/// carries the packed Convener message and action ids (`PlatformActionReference`), so any `action_id` works.
/// A message carrying a form gets one more button that opens it (`FormOpening`).
public enum SlackRenderer {
    /// Slack's limit of blocks per message.
    public static let maxBlocks = 50
    /// Slack's limit of characters in a section's text.
    public static let maxSectionText = 3000
    /// Slack's limit of elements in an `actions` block.
    public static let maxButtonsPerBlock = 25
    /// Slack's limit of characters in a button's text.
    public static let maxButtonText = 75
    /// Slack's limit of characters in an `action_id`.
    public static let maxActionID = 255
    /// Slack's limit of characters in a button's `value`.
    public static let maxButtonValue = 2000
    /// How much of the text the top-level `text` (notification fallback) keeps.
    public static let maxFallbackText = 3000

    /// The Block Kit blocks of `message`.
    public static func blocks(for message: OutboundMessage) throws(PlatformRenderError) -> [PlatformJSON] {
        try blocks(for: message, text: text(of: message))
    }

    /// The blocks of `message`, whose text with its mentions rendered is `whole`.
    private static func blocks(for message: OutboundMessage, text whole: String) throws(PlatformRenderError)
        -> [PlatformJSON]
    {
        let buttons = try buttons(for: message)
        let actionBlockCount = min((buttons.count + maxButtonsPerBlock - 1) / maxButtonsPerBlock, maxBlocks - 1)
        let pieces =
            fitsOneSectionEscaped(whole)
            ? [whole] : PlatformText.chunks(whole, limit: maxSectionText, measure: escapedLength)
        var sections = pieces.filter { !$0.allSatisfy(\.isWhitespace) }
        let room = maxBlocks - actionBlockCount
        if sections.count > room {
            sections = Array(sections.prefix(room))
            sections[room - 1] = PlatformText.markedTruncation(
                sections[room - 1], limit: maxSectionText, measure: escapedLength)
        }
        var blocks: [PlatformJSON] = sections.map { chunk in
            ["type": "section", "text": ["type": "mrkdwn", "text": .string(escape(chunk))]]
        }
        for index in 0..<actionBlockCount {
            let start = index * maxButtonsPerBlock
            let slice = buttons[start..<min(start + maxButtonsPerBlock, buttons.count)]
            blocks.append(["type": "actions", "elements": .array(Array(slice))])
        }
        return blocks
    }

    /// The reply to a slash command, or the body of a `response_url` POST: ephemeral unless the audience is the
    /// channel. `replace_original` is set when the message updates `clickedMessageID`, the Convener id of the
    /// message whose button was clicked (only a click's `response_url` can replace; pass nil for commands).
    public static func commandResponse(
        _ message: OutboundMessage, clickedMessageID: String? = nil
    ) throws(PlatformRenderError) -> Data {
        var body = try payload(message)
        body["response_type"] = message.audience == .channel ? "in_channel" : "ephemeral"
        if let updates = message.updates, updates == clickedMessageID {
            body["replace_original"] = true
        }
        return PlatformJSON.object(body).encoded
    }

    /// The body of `chat.postMessage`; for a direct message pass the member's user id as `channel`.
    public static func postMessage(_ message: OutboundMessage, channel: String) throws(PlatformRenderError) -> Data {
        var body = try payload(message)
        body["channel"] = .string(channel)
        return PlatformJSON.object(body).encoded
    }

    /// The body of `chat.postEphemeral` (visible to `user` only, in `channel`).
    public static func postEphemeral(
        _ message: OutboundMessage, channel: String, user: String
    ) throws(PlatformRenderError) -> Data {
        var body = try payload(message)
        body["channel"] = .string(channel)
        body["user"] = .string(user)
        return PlatformJSON.object(body).encoded
    }

    /// The body of `chat.update` for the message Slack knows as `ts` in `channel`.
    public static func update(
        _ message: OutboundMessage, channel: String, ts: String
    ) throws(PlatformRenderError) -> Data {
        var body = try payload(message)
        body["channel"] = .string(channel)
        body["ts"] = .string(ts)
        return PlatformJSON.object(body).encoded
    }

    /// The answer to a `view_submission` that keeps the modal open and shows `errors` (field id → message).
    public static func viewSubmissionErrors(_ errors: [String: String]) -> Data {
        let items = errors.mapValues { PlatformJSON.string(PlatformText.clipped($0, limit: 2000)) }
        return PlatformJSON.object(["response_action": "errors", "errors": .object(items)]).encoded
    }

    /// The message's text with each Slack member mentioned as `<@U…>`, which Slack links and notifies; members from
    /// other platforms keep their "@name".
    public static func text(of message: OutboundMessage) -> String {
        message.text(renderingMentions: { mention in
            mention.member.platform == SlackParser.platform ? "<@\(mention.member.user)>" : "@" + mention.name
        })
    }

    /// Slack mrkdwn of plain text: `&`, `<` and `>` escaped; user mentions `<@U…>` / `<@W…>` kept.
    public static func escape(_ text: String) -> String {
        // On UTF-8 bytes: the three characters are ASCII, so no multi-byte character is ever split, and every
        // reply passes through here.
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == ampersand || $0 == lessThan || $0 == greaterThan }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == lessThan, let end = mentionEnd(in: bytes, from: index) {
                out += bytes[index..<end]
                index = end
                continue
            }
            switch byte {
            case ampersand: out += "&amp;".utf8
            case lessThan: out += "&lt;".utf8
            case greaterThan: out += "&gt;".utf8
            default: out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func payload(_ message: OutboundMessage) throws(PlatformRenderError) -> [String: PlatformJSON] {
        // The mentions are rendered once, for the fallback and the blocks.
        let whole = text(of: message)
        let fallback = PlatformText.truncated(whole, limit: maxFallbackText / 5)
        var body: [String: PlatformJSON] = ["text": .string(fallback.isEmpty ? " " : escape(fallback))]
        let blocks = try blocks(for: message, text: whole)
        if !blocks.isEmpty {
            body["blocks"] = .array(blocks)
        }
        return body
    }

    private static func buttons(for message: OutboundMessage) throws(PlatformRenderError) -> [PlatformJSON] {
        var used: Set<String> = []
        var buttons: [PlatformJSON] = []
        for (index, action) in FormOpening.buttons(of: message).prefix((maxBlocks - 1) * maxButtonsPerBlock)
            .enumerated()
        {
            let value = PlatformActionReference(messageID: message.id, actionID: action.id).packed
            guard PlatformText.length(value) <= maxButtonValue else {
                throw .identifierTooLong(what: "button id", id: action.id, limit: maxButtonValue)
            }
            var actionID = action.id
            if actionID.isEmpty || PlatformText.length(actionID) > maxActionID || used.contains(actionID) {
                actionID = "convener-\(index)"
            }
            used.insert(actionID)
            let label = PlatformText.clipped(action.label.isEmpty ? action.id : action.label, limit: maxButtonText)
            buttons.append([
                "type": "button", "action_id": .string(actionID), "value": .string(value),
                "text": ["type": "plain_text", "text": .string(label), "emoji": true],
            ])
        }
        return buttons
    }

    /// Whether `text` escaped fits one section, counted on bytes: a reply that fits is then not walked character by
    /// character. The escapes are added to the UTF-8 length first, which is never less than the UTF-16 length and
    /// costs no pass over the text; only a reply near the limit is measured in UTF-16 units. (A character that
    /// starts with `&` and goes on is counted as if escaped whole, so the count can only be high.)
    private static func fitsOneSectionEscaped(_ text: String) -> Bool {
        var escapes = 0
        for byte in text.utf8 {
            switch byte {
            case ampersand: escapes += 4
            case lessThan, greaterThan: escapes += 3
            default: continue
            }
        }
        return PlatformText.fits(text, in: maxSectionText - escapes)
    }

    private static func escapedLength(_ character: Character) -> Int {
        switch character {
        case "&": 5
        case "<", ">": 4
        default: character.utf16.count
        }
    }

    /// The end of a user mention `<@U123>` or `<@U123|name>` starting at byte `start`, if there is one: an id of
    /// ASCII capitals and digits, a `>` within 120 scalars, and no `<` inside.
    private static func mentionEnd(in bytes: [UInt8], from start: Int) -> Int? {
        guard start + 2 < bytes.count, bytes[start + 1] == UInt8(ascii: "@"),
            bytes[start + 2] == UInt8(ascii: "U") || bytes[start + 2] == UInt8(ascii: "W")
        else { return nil }
        var index = start + 2
        var scalars = 2
        var inID = true
        while index < bytes.count, scalars < 120 {
            let byte = bytes[index]
            if byte == greaterThan { return index + 1 }
            if byte == lessThan { return nil }
            if byte == UInt8(ascii: "|") {
                inID = false
            } else if inID, !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte),
                !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            {
                return nil
            }
            if byte & 0xC0 != 0x80 { scalars += 1 }
            index += 1
        }
        return nil
    }

    private static let ampersand = UInt8(ascii: "&")
    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
}
