import Foundation

/// Who facilitates the next turn and when, announced ahead of time.
public struct RosterAnnouncement: Codable, Sendable, Equatable {
    /// The facilitator.
    public var member: MemberID
    /// When the turn is (the meeting or round-up it is for).
    public var turnAt: Date

    /// An announcement.
    public init(member: MemberID, turnAt: Date) {
        self.member = member
        self.turnAt = turnAt
    }

    /// The channel message, with the turn's local date in `timeZone`.
    public func message(timeZone: TimeZone, name: (MemberID) -> String = KudosError.defaultName) -> String {
        "📣 \(name(member)) facilitates next, on \(CelebrationDate(turnAt, in: timeZone)). Thank you! "
            + "Can't make it? `/cop roster skip` passes the turn on, `/cop roster swap @member` trades it."
    }
}
