import Foundation

/// What rules may read about a member: the `member` variable, and the elements of `members`.
public struct RuleMemberView: Sendable, Equatable {
    /// The member's id (`slack:U024BE7LH`).
    public var id: MemberID
    /// The display name.
    public var name: String
    /// The engagement tier (`core`, `active`, `peripheral`, `newcomer`, …).
    public var tier: String
    /// When the member joined.
    public var joinedAt: Date
    /// When the member was last active.
    public var lastActiveAt: Date
    /// Tags convenors or rules gave the member.
    public var tags: [String]
    /// Whether the member convenes the community.
    public var isConvenor: Bool
    /// Whether the member marked themselves away (vacation, pause).
    public var away: Bool

    /// A member view.
    public init(
        id: MemberID, name: String, tier: String = "newcomer", joinedAt: Date, lastActiveAt: Date,
        tags: [String] = [], isConvenor: Bool = false, away: Bool = false
    ) {
        self.id = id
        self.name = name
        self.tier = tier
        self.joinedAt = joinedAt
        self.lastActiveAt = lastActiveAt
        self.tags = tags
        self.isConvenor = isConvenor
        self.away = away
    }

    /// The view of a stored member; engagement and tags come from the features that track them.
    public init(_ member: Member, tier: String = "newcomer", tags: [String] = [], isConvenor: Bool, away: Bool = false)
    {
        self.init(
            id: member.id, name: member.displayName, tier: tier, joinedAt: member.joinedAt,
            lastActiveAt: member.lastActiveAt, tags: tags, isConvenor: isConvenor, away: away)
    }

    /// The CEL type rules see, so that `member.teir` is an error at load time.
    public static let celType = CELType.object(
        name: "Member",
        fields: [
            "id": .string, "name": .string, "tier": .string, "joinedAt": .timestamp, "lastActiveAt": .timestamp,
            "daysSinceActive": .int, "daysSinceJoined": .int, "tags": .list(.string), "isConvenor": .bool,
            "away": .bool, "mention": .string,
        ])

    /// The member as a CEL record; the `daysSince…` fields count whole days up to `now`, and `mention` is the
    /// member named natively on their platform in a message (`{{ member.mention }}`), "@name" elsewhere.
    public func celValue(now: Date) -> CELValue {
        .record([
            "id": .string(id.rawValue), "name": .string(name), "tier": .string(tier),
            "joinedAt": Self.timestamp(joinedAt), "lastActiveAt": Self.timestamp(lastActiveAt),
            "daysSinceActive": .int(Self.wholeDays(from: lastActiveAt, to: now)),
            "daysSinceJoined": .int(Self.wholeDays(from: joinedAt, to: now)),
            "tags": .list(tags.map(CELValue.string)), "isConvenor": .bool(isConvenor), "away": .bool(away),
            "mention": .string(MessageMention.placeholder(id, name: name)),
        ])
    }

    /// `date` as a CEL timestamp (the epoch if out of CEL's range).
    static func timestamp(_ date: Date) -> CELValue {
        .timestamp(CELTimestamp(date: date) ?? CELTimestamp(seconds: 0) ?? CELTimestamp.rulesEpoch)
    }

    private static func wholeDays(from start: Date, to end: Date) -> Int64 {
        let days = (end.timeIntervalSince(start) / 86_400).rounded(.down)
        guard days.isFinite else { return 0 }
        return Int64(max(min(days, 1e9), -1e9))
    }
}

extension CELTimestamp {
    /// The Unix epoch; a fallback that cannot fail.
    fileprivate static var rulesEpoch: CELTimestamp {
        guard let epoch = CELTimestamp(nanosecondsSinceEpoch: 0) else { preconditionFailure("epoch is in range") }
        return epoch
    }
}
