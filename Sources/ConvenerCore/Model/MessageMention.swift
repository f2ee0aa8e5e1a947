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
        var clean = String.UnicodeScalarView()
        clean.append(contentsOf: name.unicodeScalars.lazy.filter { !isMarker($0) })
        return "\u{E000}\(member.rawValue)\u{E001}\(String(clean))\u{E002}"
    }

    /// Turns the placeholders in `text` into fallback "@name" text and the mentions found, in order.
    ///
    /// Characters of an incomplete placeholder are dropped, so no marker ever reaches a platform.
    public static func extract(from text: String) -> (text: String, mentions: [MessageMention]) {
        // Scalars, not Characters: this runs for every message a feature writes, and grapheme breaking is what
        // made it cost. A marker is one scalar, so a marker with a combining mark after it is still found.
        let scalars = text.unicodeScalars
        guard scalars.contains(where: isMarker) else { return (text, []) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var units = 0
        var mentions: [MessageMention] = []
        var rest = scalars[...]
        while let start = rest.firstIndex(where: isMarker) {
            let before = Substring(rest[rest.startIndex..<start])
            out += before
            units += before.utf16.count
            rest = rest[start...]
            guard rest.first == openMarker, let end = rest.firstIndex(of: closeMarker),
                let split = rest[rest.startIndex..<end].firstIndex(of: separatorMarker)
            else {
                rest = rest.dropFirst()
                continue
            }
            let id = rest[rest.index(after: rest.startIndex)..<split]
            let name = rest[rest.index(after: split)..<end]
            rest = rest[rest.index(after: end)...]
            guard !id.isEmpty, !id.contains(where: isMarker), !name.contains(where: isMarker) else { continue }
            let nameText = String(Substring(name))
            let fallback = "@" + nameText
            let length = fallback.utf16.count
            mentions.append(
                MessageMention(
                    member: MemberID(rawValue: String(Substring(id))), name: nameText, offset: units, length: length))
            out += fallback
            units += length
        }
        out += Substring(rest)
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

    private static let openMarker: Unicode.Scalar = "\u{E000}"
    private static let separatorMarker: Unicode.Scalar = "\u{E001}"
    private static let closeMarker: Unicode.Scalar = "\u{E002}"

    private static func isMarker(_ scalar: Unicode.Scalar) -> Bool {
        (0xE000...0xE002).contains(scalar.value)
    }
}
