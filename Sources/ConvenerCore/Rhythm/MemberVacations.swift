import Foundation

/// Members who said `/cop away DURATION`: until when each one is away.
///
/// While a member is away, the bot sends them no nudges, leaves them out of pairing rounds and passes over
/// their roster turns (`MemberVacations.Pause`). Being away ends by itself at `until`, or earlier with `back`.
public struct MemberVacations: Codable, Sendable, Equatable {
    /// What being away pauses.
    public enum Pause: String, Codable, Sendable, CaseIterable {
        /// Re-engagement nudges and other reminders by DM.
        case nudges
        /// Coffee and mentoring pairing rounds.
        case pairing
        /// Turns on a facilitator roster.
        case rosterTurns
    }

    /// When each away member is back, by member.
    public private(set) var awayUntil: [MemberID: Date]

    /// Creates the record, empty by default.
    public init(awayUntil: [MemberID: Date] = [:]) {
        self.awayUntil = awayUntil
    }

    /// Marks `member` away until `until` (replacing an earlier date).
    public mutating func setAway(_ member: MemberID, until: Date) {
        awayUntil[member] = until
    }

    /// Marks `member` away for `duration` seconds from `now`.
    public mutating func setAway(_ member: MemberID, for duration: TimeInterval, now: Date) {
        awayUntil[member] = now.addingTimeInterval(duration)
    }

    /// Ends `member`'s absence (`/cop back`); returns whether they were away.
    @discardableResult
    public mutating func setBack(_ member: MemberID) -> Bool {
        awayUntil.removeValue(forKey: member) != nil
    }

    /// Whether `member` is away at `now` (away until, exclusive).
    public func isAway(_ member: MemberID, at now: Date) -> Bool {
        guard let until = awayUntil[member] else { return false }
        return now < until
    }

    /// Whether `pause` applies to `member` at `now`; every pause applies while a member is away.
    public func pauses(_ pause: Pause, for member: MemberID, at now: Date) -> Bool {
        isAway(member, at: now)
    }

    /// The members of `members` that are not away at `now`, in the given order.
    public func available(_ members: [MemberID], at now: Date) -> [MemberID] {
        members.filter { !isAway($0, at: now) }
    }

    /// Forgets absences that ended at or before `now`.
    public mutating func prune(at now: Date) {
        awayUntil = awayUntil.filter { now < $0.value }
    }
}
