import ConvenerCore
import Foundation

/// Renders outbound messages as Mattermost posts with message-attachment buttons.
///
/// Each button's `integration.context` is signed by `MattermostActionSigner`; its `id` (Mattermost allows letters
/// and digits only) is `cv<index>` followed by the letters and digits of Convener's action id, cut to 20, so it is
/// deterministic and unique within the post. Text is cut at 16,383 characters with "…(truncated)", and
/// `@channel`, `@all` and `@here` are defused so a member's text can never notify everyone.
public struct MattermostRenderer: Sendable {
    /// Mattermost's default limit of characters in a post.
    public static let maxPostText = 16383
    /// Characters of a button label kept.
    public static let maxButtonName = 80

    private let actionURL: String
    private let signer: MattermostActionSigner

    /// A renderer whose buttons post back to `actionURL` (Convener's `/mattermost/actions`, as Mattermost reaches it).
    public init(actionURL: String, signer: MattermostActionSigner) {
        self.actionURL = actionURL
        self.signer = signer
    }

    /// The response to a slash command (or a `response_url` POST): `ephemeral` unless the audience is the channel.
    public func commandResponse(_ message: OutboundMessage) -> Data {
        var body: [String: PlatformJSON] = [
            "response_type": message.audience == .channel ? "in_channel" : "ephemeral",
            "text": .string(Self.text(of: message)),
        ]
        if let props = props(for: message) { body["props"] = props }
        return PlatformJSON.object(body).encoded
    }

    /// The response to a button click on the post Convener knows as `clickedMessageID`: `update` replaces that
    /// post when the message updates it; an ephemeral message comes back as `ephemeral_text` (text only: buttons
    /// cannot ride on it). Nil for anything else, which the caller posts through the API instead.
    public func actionResponse(_ message: OutboundMessage, clickedMessageID: String) -> Data? {
        if let updates = message.updates, updates == clickedMessageID {
            var post: [String: PlatformJSON] = ["message": .string(Self.text(of: message))]
            post["props"] = props(for: message) ?? ["attachments": []]
            return PlatformJSON.object(["update": .object(post)]).encoded
        }
        guard message.isEphemeral, message.updates == nil else { return nil }
        return PlatformJSON.object(["ephemeral_text": .string(Self.text(of: message))]).encoded
    }

    /// The body of `POST /api/v4/posts` in `channelID` (for a direct message, the id of the DM channel).
    public func post(_ message: OutboundMessage, channelID: String) -> Data {
        var body: [String: PlatformJSON] = [
            "channel_id": .string(channelID), "message": .string(Self.text(of: message)),
        ]
        if let props = props(for: message) { body["props"] = props }
        return PlatformJSON.object(body).encoded
    }

    /// The body of `POST /api/v4/posts/ephemeral`, shown to `userID` only.
    public func ephemeralPost(_ message: OutboundMessage, channelID: String, userID: String) -> Data {
        var post: [String: PlatformJSON] = [
            "channel_id": .string(channelID), "message": .string(Self.text(of: message)),
        ]
        if let props = props(for: message) { post["props"] = props }
        return PlatformJSON.object(["user_id": .string(userID), "post": .object(post)]).encoded
    }

    /// The body of `PUT /api/v4/posts/{post_id}/patch` that edits an earlier post in place.
    public func patch(_ message: OutboundMessage) -> Data {
        let props = props(for: message) ?? ["attachments": []]
        return PlatformJSON.object(["message": .string(Self.text(of: message)), "props": props]).encoded
    }

    /// The attachment `id` Mattermost gets for Convener's action at `index`.
    public static func buttonID(actionID: String, index: Int) -> String {
        let letters = actionID.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
        return "cv\(index)" + String(String.UnicodeScalarView(letters.prefix(20)))
    }

    /// The message's text, mentions rendered, ready to post: see `text(_:)`.
    ///
    /// A Mattermost member is mentioned as `@username` (their display name here is the `user_name` Mattermost
    /// sends), which Mattermost links and notifies; a member from another platform is named without the "@", so
    /// the post cannot notify a stranger who happens to hold that username on Mattermost.
    public static func text(of message: OutboundMessage) -> String {
        text(
            message.text(renderingMentions: { mention in
                mention.member.platform == MattermostParser.platform ? "@" + mention.name : mention.name
            }))
    }

    /// Post text: defused broadcast mentions, cut to the post limit.
    public static func text(_ text: String) -> String {
        PlatformText.truncated(defuseBroadcasts(text), limit: maxPostText)
    }

    /// Inserts a zero-width space after the "@" of `@channel`, `@all` and `@here`: still readable, no notification.
    private static func defuseBroadcasts(_ text: String) -> String {
        guard text.contains("@") else { return text }
        var out = ""
        var rest = Substring(text)
        while let at = rest.firstIndex(of: "@") {
            out += rest[rest.startIndex...at]
            rest = rest[rest.index(after: at)...]
            for word in ["channel", "all", "here"] {
                guard rest.lowercased().hasPrefix(word) else { continue }
                // "@here." ends a sentence (a broadcast); "@here.we" or "@allison" is a user name.
                let after = rest.dropFirst(word.count).drop { "._-".contains($0) }.first
                if after.map({ !($0.isLetter || $0.isNumber) }) ?? true {
                    out += "\u{200B}"
                }
                break
            }
        }
        return out + rest
    }

    private func props(for message: OutboundMessage) -> PlatformJSON? {
        let buttons = FormOpening.buttons(of: message)
        guard !buttons.isEmpty else { return nil }
        let member: MemberID? =
            switch message.audience {
            case .channel: nil
            case .direct(let member), .ephemeral(let member): member
            }
        var actions: [PlatformJSON] = []
        for (index, action) in buttons.enumerated() {
            actions.append([
                "id": .string(Self.buttonID(actionID: action.id, index: index)),
                "type": "button",
                "name": .string(
                    PlatformText.clipped(action.label.isEmpty ? action.id : action.label, limit: Self.maxButtonName)),
                "integration": [
                    "url": .string(actionURL),
                    "context": signer.context(messageID: message.id, actionID: action.id, member: member),
                ],
            ])
        }
        return ["attachments": [["actions": .array(actions)]]]
    }
}
