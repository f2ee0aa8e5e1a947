import ConvenerCore
import Foundation

/// Renders outbound messages as Matrix `m.room.message` contents: `m.notice` (bots do not answer notices, so two
/// bots never loop), plain `body` plus HTML `formatted_body` with pills (matrix.to links) for mentioned Matrix
/// members, who are also listed in `m.mentions` so only they are notified. Buttons become a numbered list with
/// the message's choice code: a member answers by sending `CODE N` in their 1:1 room with the bot, never in the
/// community's room, where everyone would read it. An edit is an `m.replace` carrying `m.new_content`.
public enum MatrixRenderer {
    /// The content of a new message, in `threadRoot`'s thread when there is one.
    public static func content(_ message: OutboundMessage, threadRoot: String? = nil) -> PlatformJSON {
        var content = body(of: message)
        if let threadRoot {
            content["m.relates_to"] = [
                "rel_type": "m.thread", "event_id": .string(threadRoot), "is_falling_back": true,
                "m.in_reply_to": ["event_id": .string(threadRoot)],
            ]
        }
        return .object(content)
    }

    /// The content that replaces the event `eventID` with `message`.
    public static func edit(_ message: OutboundMessage, replacing eventID: String) -> PlatformJSON {
        var content = body(of: message)
        let plain = content["body"]?.stringValue ?? ""
        let html = content["formatted_body"]?.stringValue ?? ""
        content = [
            "msgtype": "m.notice", "body": .string("* " + plain), "format": "org.matrix.custom.html",
            "formatted_body": .string("* " + html), "m.new_content": .object(content),
            "m.mentions": content["m.mentions"] ?? ["user_ids": []],
            "m.relates_to": ["rel_type": "m.replace", "event_id": .string(eventID)],
        ]
        return .object(content)
    }

    /// The code members type to answer `message`'s buttons: five letters and digits derived from its id.
    public static func choiceCode(for messageID: String) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        return String(SecretCrypto.sha256(Array(messageID.utf8)).prefix(5).map { alphabet[Int($0) % alphabet.count] })
    }

    /// The choice code and number in an answer such as `k3f9q 2`, or nil when `text` is not one.
    public static func choice(in text: String) -> (code: String, number: Int)? {
        let parts = text.trimmingWhitespace.lowercased().split(
            whereSeparator: \.isWhitespace)
        guard parts.count == 2, parts[0].count == 5,
            parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            let number = Int(parts[1]), number > 0
        else { return nil }
        return (String(parts[0]), number)
    }

    private static func body(of message: OutboundMessage) -> [String: PlatformJSON] {
        var plain = message.text(renderingMentions: { "@" + $0.name })
        var html = htmlText(message)
        let matrixMembers = message.mentions.map(\.member).filter { $0.platform == MatrixEvents.platform }
        var content: [String: PlatformJSON] = [
            "msgtype": "m.notice",
            "m.mentions": ["user_ids": .array(Array(Set(matrixMembers.map(\.user))).sorted().map { .string($0) })],
        ]
        if !message.actions.isEmpty {
            // An edit keeps the code of the message it edits, so the code members saw first still answers.
            let code = choiceCode(for: message.updates ?? message.id)
            let place = message.audience == .channel ? " in your private room with Convener" : ""
            let choices = message.actions.enumerated().map { "\($0.offset + 1). \($0.element.label)" }
            plain += "\n\nTo answer, send \(code) and a number\(place), e.g. \"\(code) 1\":\n"
            plain += choices.joined(separator: "\n")
            html +=
                "<br><br>To answer, send <code>\(code)</code> and a number\(place), e.g. <code>\(code) 1</code>:<ol>"
            html += message.actions.map { "<li>\(escape($0.label))</li>" }.joined() + "</ol>"
        }
        content["body"] = .string(plain)
        content["format"] = "org.matrix.custom.html"
        content["formatted_body"] = .string(html)
        return content
    }

    /// The text as HTML: escaped, line breaks kept, `code` in backticks as `<code>`, Matrix members as pills.
    private static func htmlText(_ message: OutboundMessage) -> String {
        var pills: [String: String] = [:]
        let marked = message.text(renderingMentions: { mention in
            let marker = "\u{E010}\(pills.count)\u{E011}"
            pills[marker] =
                mention.member.platform == MatrixEvents.platform
                ? "<a href=\"https://matrix.to/#/\(escape(mention.member.user))\">\(escape(mention.name))</a>"
                : escape("@" + mention.name)
            return marker
        })
        var html = escape(marked)
        for (marker, pill) in pills { html = html.replacingOccurrences(of: marker, with: pill) }
        var result = ""
        var inCode = false
        for character in html {
            if character == "`" {
                result += inCode ? "</code>" : "<code>"
                inCode.toggle()
            } else {
                result.append(character)
            }
        }
        if inCode { result += "</code>" }
        return result.replacingOccurrences(of: "\n", with: "<br>")
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
