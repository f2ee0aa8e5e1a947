import Foundation

/// The rotating facilitator roster: who is on it, their fairness counts and who is up next.
///
/// Fair choice: members owed a turn (they skipped or swapped one away) come first, then fewest turns
/// (plus credit), then longest since their last turn, then join order; away members are never chosen.
/// Among members who are never away and never skip or swap, turn counts differ by at most 1 at all
/// times: every turn such a member gets is chosen by "fewest turns" over a set containing all of them.
public struct RosterState: Codable, Sendable, Equatable {
    /// Roster members in join order.
    public var entries: [RosterEntry]
    /// Who facilitates the next turn, once announced.
    public var upcoming: RosterAnnouncement?
    /// The join-order number the next member gets.
    public var nextSequence: Int

    /// An empty roster.
    public init(entries: [RosterEntry] = [], upcoming: RosterAnnouncement? = nil, nextSequence: Int = 0) {
        self.entries = entries
        self.upcoming = upcoming
        self.nextSequence = nextSequence
    }

    /// `/cop roster join`: adds `member`, credited with the least turns of anyone, so they take their
    /// place in the rotation instead of facilitating every week until they have caught up.
    public mutating func join(
        _ member: MemberID,
        at now: Date,
        away: Set<MemberID> = []
    ) throws(RosterError) -> String {
        if entries.contains(where: { $0.member == member }) {
            throw .alreadyOnRoster(position: position(of: member, away: away) ?? entries.count)
        }
        let credit = entries.map(\.load).min() ?? 0
        entries.append(RosterEntry(member: member, joinedAt: now, sequence: nextSequence, credit: credit))
        nextSequence += 1
        let place = position(of: member, away: away).map { " You're #\($0) in line." } ?? ""
        return "You're on the facilitator roster — thank you for stepping up!\(place) "
            + "`/cop roster who` shows the order."
    }

    /// `/cop roster leave`: removes `member`; if they were up next, the turn goes to the next in line.
    public mutating func leave(
        _ member: MemberID,
        away: Set<MemberID> = [],
        name: (MemberID) -> String = KudosError.defaultName
    ) throws(RosterError) -> RosterChange {
        guard let index = entries.firstIndex(where: { $0.member == member }) else { throw .notOnRoster }
        let turns = entries[index].turns
        entries.remove(at: index)
        let thanks = turns == 1 ? "the turn you took" : "the \(turns) turns you took"
        var reply =
            "You've left the facilitator roster — thank you for \(thanks)! "
            + "`/cop roster join` brings you back any time."
        guard let current = upcoming, current.member == member else { return RosterChange(reply: reply) }
        upcoming = nil
        guard let next = queue(away: away).first else { return RosterChange(reply: reply) }
        let announcement = RosterAnnouncement(member: next, turnAt: current.turnAt)
        upcoming = announcement
        reply += " \(name(next)) takes your upcoming turn."
        return RosterChange(reply: reply, announcement: announcement)
    }

    /// `/cop roster skip`: the member up next passes the turn to the next in line and stays first in line
    /// for the following turn.
    public mutating func skip(
        _ member: MemberID,
        at now: Date,
        away: Set<MemberID> = [],
        name: (MemberID) -> String = KudosError.defaultName
    ) throws(RosterError) -> RosterChange {
        let current = try upcomingTurn(of: member)
        guard let next = queue(away: away.union([member])).first else { throw .nobodyElseAvailable }
        markOwed(member, since: now)
        let announcement = RosterAnnouncement(member: next, turnAt: current.turnAt)
        upcoming = announcement
        return RosterChange(
            reply: "No problem — \(name(next)) takes this turn, and you're first in line for the next one.",
            announcement: announcement
        )
    }

    /// `/cop roster swap @other`: the member up next gives the turn to `other`, and is first in line for
    /// the following turn.
    public mutating func swap(
        _ member: MemberID,
        with other: MemberID,
        at now: Date,
        away: Set<MemberID> = [],
        name: (MemberID) -> String = KudosError.defaultName
    ) throws(RosterError) -> RosterChange {
        guard member != other else { throw .swapWithSelf }
        let current = try upcomingTurn(of: member)
        guard entries.contains(where: { $0.member == other }) else { throw .partnerNotOnRoster(other) }
        guard !away.contains(other) else { throw .partnerAway(other) }
        markOwed(member, since: now)
        let announcement = RosterAnnouncement(member: other, turnAt: current.turnAt)
        upcoming = announcement
        return RosterChange(
            reply: "Done — \(name(other)) takes this turn, and you're first in line for the one after.",
            announcement: announcement
        )
    }

    /// Picks who facilitates the turn at `turnAt` and returns the announcement, or `nil` when nothing
    /// changed (already announced and still available) or nobody is available.
    ///
    /// If the member already announced has gone away, the turn moves on and they stay first in line.
    public mutating func schedule(turnAt: Date, now: Date, away: Set<MemberID> = []) -> RosterAnnouncement? {
        if let current = upcoming {
            let stillOnRoster = entries.contains { $0.member == current.member }
            if stillOnRoster && !away.contains(current.member) {
                guard current.turnAt != turnAt else { return nil }
                upcoming = RosterAnnouncement(member: current.member, turnAt: turnAt)
                return upcoming
            }
            if stillOnRoster { markOwed(current.member, since: now) }
            upcoming = nil
        }
        guard let next = queue(away: away).first else { return nil }
        upcoming = RosterAnnouncement(member: next, turnAt: turnAt)
        return upcoming
    }

    /// Records that the member up next facilitated at `now` and clears the slot; returns who it was.
    ///
    /// Members away at this turn are credited up to the least load of those present, so time away
    /// neither costs nor earns turns.
    public mutating func completeTurn(at now: Date, away: Set<MemberID> = []) -> MemberID? {
        guard let current = upcoming else { return nil }
        upcoming = nil
        if let index = entries.firstIndex(where: { $0.member == current.member }) {
            entries[index].turns += 1
            entries[index].lastTurnAt = now
            entries[index].owedSince = nil
        }
        if let floor = entries.filter({ !away.contains($0.member) }).map(\.load).min() {
            for index in entries.indices where away.contains(entries[index].member) && entries[index].load < floor {
                entries[index].credit += floor - entries[index].load
            }
        }
        return current.member
    }

    /// Available members in the order they would be chosen (the member already up next included).
    public func queue(away: Set<MemberID> = []) -> [MemberID] {
        entries.filter { !away.contains($0.member) }.sorted { $0.precedes($1) }.map(\.member)
    }

    /// The member's 1-based place in line: 1 if up next, else their place in `queue(away:)` after that.
    public func position(of member: MemberID, away: Set<MemberID> = []) -> Int? {
        if upcoming?.member == member { return 1 }
        let rest = queue(away: away).filter { $0 != upcoming?.member }
        return rest.firstIndex(of: member).map { $0 + (upcoming == nil ? 1 : 2) }
    }

    /// Turns facilitated per roster member.
    public func turnCounts() -> [MemberID: Int] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.member, $0.turns) })
    }

    /// `/cop roster who`: who is up next, the order after them, the fairness counts and who is away.
    public func who(
        away: Set<MemberID> = [],
        timeZone: TimeZone,
        name: (MemberID) -> String = KudosError.defaultName
    ) -> String {
        guard !entries.isEmpty else {
            return "The facilitator roster is empty. `/cop roster join` puts you on it — turns rotate fairly."
        }
        var lines: [String] = []
        if let current = upcoming {
            lines.append("Next up: \(name(current.member)) on \(CelebrationDate(current.turnAt, in: timeZone)).")
        } else {
            lines.append("Nobody has been announced for the next turn yet.")
        }
        let rest = queue(away: away).filter { $0 != upcoming?.member }
        if !rest.isEmpty {
            lines.append("Then: " + rest.map { name($0) }.joined(separator: ", ") + ".")
        }
        let counts = entries.sorted { $0.sequence < $1.sequence }.map { "\(name($0.member)) \($0.turns)" }
        lines.append("Turns so far: " + counts.joined(separator: ", ") + ".")
        let awayNames = entries.filter { away.contains($0.member) }.map { name($0.member) }
        if !awayNames.isEmpty {
            lines.append("Away: " + awayNames.joined(separator: ", ") + ".")
        }
        return lines.joined(separator: "\n")
    }

    /// Forgets `member` (for `/cop me forget`); the caller reschedules if they were up next.
    public mutating func remove(_ member: MemberID) {
        entries.removeAll { $0.member == member }
        if upcoming?.member == member { upcoming = nil }
    }

    /// The upcoming turn if `member` has it; otherwise the error that says who does.
    private func upcomingTurn(of member: MemberID) throws(RosterError) -> RosterAnnouncement {
        guard entries.contains(where: { $0.member == member }) else { throw .notOnRoster }
        guard let current = upcoming, current.member == member else {
            throw .notUpNext(upcoming: upcoming?.member)
        }
        return current
    }

    /// Puts `member` first in line for the following turn (keeping an earlier claim if they had one).
    private mutating func markOwed(_ member: MemberID, since now: Date) {
        guard let index = entries.firstIndex(where: { $0.member == member }) else { return }
        if entries[index].owedSince == nil {
            entries[index].owedSince = now
        }
    }
}
