/// The event types a rule may trigger on, whether each carries a `member`, and its payload keys.
public enum RuleEventCatalog {
    /// One known event type.
    public struct Entry: Sendable {
        /// The type, e.g. `member.joined`.
        public let type: String
        /// Whether events of this type are about one member (so conditions may use `member`).
        public let hasMember: Bool
        /// The payload keys the type carries, for the reference.
        public let payloadKeys: [String]
        /// When it happens.
        public let summary: String
    }

    /// The known types. `custom.*` types are also accepted (they may or may not have a member).
    public static let entries: [Entry] = [
        Entry(type: "member.joined", hasMember: true, payloadKeys: [], summary: "a member is seen for the first time"),
        Entry(type: "member.left", hasMember: true, payloadKeys: [], summary: "a member left the community"),
        Entry(
            type: "member.inactive", hasMember: true, payloadKeys: ["days"],
            summary: "a member has been quiet for a while (engagement)"),
        Entry(
            type: "member.returned", hasMember: true, payloadKeys: ["daysAway"],
            summary: "a quiet member is active again"),
        Entry(
            type: "member.tierChanged", hasMember: true, payloadKeys: ["from", "to"],
            summary: "a member's engagement tier changed"),
        Entry(type: "message.posted", hasMember: true, payloadKeys: ["channel"], summary: "a member posted a message"),
        Entry(
            type: "kudos.given", hasMember: true, payloadKeys: ["from", "fromName", "reason"],
            summary: "a member received kudos (member is the receiver)"),
        Entry(
            type: "poll.closed", hasMember: false, payloadKeys: ["pollId", "question", "results", "votes"],
            summary: "a poll closed"),
        Entry(
            type: "survey.closed", hasMember: false, payloadKeys: ["surveyId", "title", "responses"],
            summary: "a survey closed"),
        Entry(
            type: "pairing.completed", hasMember: false, payloadKeys: ["roundId", "pairs"],
            summary: "a pairing round was made"),
        Entry(type: "prompt.posted", hasMember: false, payloadKeys: ["theme", "text"], summary: "a prompt was posted"),
        Entry(
            type: "command.used", hasMember: true, payloadKeys: ["command"],
            summary: "a member used a /cop command (its dotted name)"),
    ]

    /// The entry for `type`, if known.
    public static func entry(_ type: String) -> Entry? {
        entries.first { $0.type == type }
    }

    /// Whether `type` may be used as a trigger.
    public static func isKnown(_ type: String) -> Bool {
        entry(type) != nil || isCustom(type)
    }

    /// Whether `type` is a `custom.name` event.
    static func isCustom(_ type: String) -> Bool {
        guard type.hasPrefix("custom."), type.count > 7 else { return false }
        return type.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || "0123456789._-".unicodeScalars.contains($0)
        }
    }
}
