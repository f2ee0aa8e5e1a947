import Foundation

/// One member on the facilitator roster and their fairness counts.
public struct RosterEntry: Codable, Sendable, Equatable {
    /// The member.
    public var member: MemberID
    /// When they joined the roster.
    public var joinedAt: Date
    /// Join order, for the last tie-break.
    public var sequence: Int
    /// Turns actually facilitated.
    public var turns: Int
    /// Turns credited without facilitating, so joining late or coming back from time away neither
    /// costs nor earns turns (otherwise a newcomer would facilitate many weeks in a row).
    public var credit: Int
    /// When they last facilitated.
    public var lastTurnAt: Date?
    /// Set when they skipped or swapped away a turn: they are first in line for the next one.
    public var owedSince: Date?

    /// A member joining the roster.
    public init(member: MemberID, joinedAt: Date, sequence: Int, credit: Int = 0) {
        self.member = member
        self.joinedAt = joinedAt
        self.sequence = sequence
        self.turns = 0
        self.credit = credit
        self.lastTurnAt = nil
        self.owedSince = nil
    }

    /// Turns plus credit: what "fewest turns" compares.
    public var load: Int { turns + credit }

    /// Whether `self` comes before `other` for the next turn: owed first (earliest first), then fewest
    /// turns, then longest since their last turn (or since joining), then join order.
    func precedes(_ other: RosterEntry) -> Bool {
        switch (owedSince, other.owedSince) {
        case (let mine?, let theirs?) where mine != theirs: return mine < theirs
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if load != other.load { return load < other.load }
        let mine = lastTurnAt ?? joinedAt
        let theirs = other.lastTurnAt ?? other.joinedAt
        if mine != theirs { return mine < theirs }
        return sequence < other.sequence
    }
}
