import Foundation

/// Something the periodic engagement check raises, for rules (`member.tierChanged`, `member.inactive`).
public enum EngagementEvent: Codable, Sendable, Equatable {
    /// The member moved from one tier to another.
    case tierChanged(member: MemberID, from: EngagementTier, to: EngagementTier)
    /// The member has been silent for `days` whole days (raised once per silence).
    case inactive(member: MemberID, days: Int)

    /// The member the event is about.
    public var member: MemberID {
        switch self {
        case .tierChanged(let member, _, _): member
        case .inactive(let member, _): member
        }
    }

    /// The rule trigger name: `member.tierChanged` or `member.inactive`.
    public var triggerName: String {
        switch self {
        case .tierChanged: "member.tierChanged"
        case .inactive: "member.inactive"
        }
    }
}
