/// A member named in an outbound message, so each platform can render a native mention (Slack `<@U…>`, Discord
/// `<@id>`, Mattermost `@username`, a highlighted name in the playground) instead of plain "@name" text.
///
/// The message's `text` keeps the readable fallback "@name" at `offset`, so logs, the outbox listing and any
/// platform that cannot mention still read well; `offset` and `length` count UTF-16 code units, which is what
/// the playground page (JavaScript) and the platforms' length limits count too.
public struct MessageMention: Codable, Sendable, Equatable, Hashable {
    /// The member mentioned.
    public var member: MemberID
    /// The name shown in the fallback text (the member's display name, without the "@").
    public var name: String
    /// Where the fallback "@name" starts in the message text, in UTF-16 code units.
    public var offset: Int
    /// How long the fallback "@name" is, in UTF-16 code units.
    public var length: Int

    /// A mention of `member` whose fallback text occupies `length` units from `offset`.
    public init(member: MemberID, name: String, offset: Int, length: Int) {
        self.member = member
        self.name = name
        self.offset = offset
        self.length = length
    }

    /// Text that stands for a mention of `member` while a message is being written; `OutboundMessage.init` turns
    /// it into the fallback "@name" and a `MessageMention`. Features write it wherever they name a member, the
    /// same way in every message, and no feature needs to know the platforms.
    ///
    /// The markers are Unicode private-use characters, which no platform sends in a member's text in practice;
    /// a member who typed one could at most mention someone, which every platform lets them do anyway.
    public static func placeholder(_ member: MemberID, name: String) -> String {
        let clean = name.filter { !markers.contains($0) }
        return "\(open)\(member.rawValue)\(separator)\(clean)\(close)"
    }

    /// Turns the placeholders in `text` into fallback "@name" text and the mentions found, in order.
    ///
    /// Characters of an incomplete placeholder are dropped, so no marker ever reaches a platform.
    public static func extract(from text: String) -> (text: String, mentions: [MessageMention]) {
        guard text.contains(where: { markers.contains($0) }) else { return (text, []) }
        var out = ""
        var units = 0
        var mentions: [MessageMention] = []
        var rest = Substring(text)
        while let start = rest.firstIndex(where: { markers.contains($0) }) {
            let before = rest[rest.startIndex..<start]
            out += before
            units += before.utf16.count
            rest = rest[start...]
            guard rest.first == open, let end = rest.firstIndex(of: close),
                let split = rest[rest.startIndex..<end].firstIndex(of: separator)
            else {
                rest = rest.dropFirst()
                continue
            }
            let id = rest[rest.index(after: rest.startIndex)..<split]
            let name = rest[rest.index(after: split)..<end]
            rest = rest[rest.index(after: end)...]
            guard !id.isEmpty, !id.contains(where: { markers.contains($0) }),
                !name.contains(where: { markers.contains($0) })
            else { continue }
            let fallback = "@" + name
            mentions.append(
                MessageMention(
                    member: MemberID(rawValue: String(id)), name: String(name), offset: units,
                    length: fallback.utf16.count))
            out += fallback
            units += fallback.utf16.count
        }
        out += rest
        return (out, mentions)
    }

    /// `text` with each of `mentions` replaced by what `render` makes of it; mentions that do not fit `text` (a
    /// corrupt record) are left as their fallback text.
    public static func render(
        _ text: String, mentions: [MessageMention], _ render: (MessageMention) -> String
    ) -> String {
        guard !mentions.isEmpty else { return text }
        let utf16 = text.utf16
        var out = ""
        var cursor = 0
        for mention in mentions.sorted(by: { $0.offset < $1.offset }) {
            guard mention.offset >= cursor, mention.length > 0, mention.offset + mention.length <= utf16.count,
                let from = utf16.index(utf16.startIndex, offsetBy: cursor, limitedBy: utf16.endIndex),
                let start = utf16.index(utf16.startIndex, offsetBy: mention.offset, limitedBy: utf16.endIndex),
                let end = utf16.index(start, offsetBy: mention.length, limitedBy: utf16.endIndex),
                let head = String(utf16[from..<start]), String(utf16[start..<end]) == "@" + mention.name
            else { continue }
            out += head
            out += render(mention)
            cursor = mention.offset + mention.length
        }
        guard let from = utf16.index(utf16.startIndex, offsetBy: cursor, limitedBy: utf16.endIndex),
            let tail = String(utf16[from...])
        else { return text }
        return out + tail
    }

    private static let open: Character = "\u{E000}"
    private static let separator: Character = "\u{E001}"
    private static let close: Character = "\u{E002}"
    private static let markers: Set<Character> = [open, separator, close]
}
