import Foundation

/// Recent kudos and each giver's use of today's allowance.
///
/// The allowance day is the giver's local day (the caller passes the giver's time zone, else the
/// community's): "five a day" should reset at the giver's midnight, not at some other continent's.
public struct KudosLedger: Codable, Sendable, Equatable {
    /// Kudos given, oldest first (added with `append(_:)`, pruned with `prune(before:)`).
    public private(set) var entries: [KudosEntry]
    /// Per giver: the local day (`yyyy-MM-dd`) of their last kudos and how many they gave that day.
    public var allowances: [MemberID: KudosAllowance]
    private var index: KudosMemberIndex

    private enum CodingKeys: String, CodingKey {
        case entries, allowances
    }

    /// An empty ledger.
    public init(entries: [KudosEntry] = [], allowances: [MemberID: KudosAllowance] = [:]) {
        self.entries = entries
        self.allowances = allowances
        self.index = KudosMemberIndex(entries)
    }

    /// Decodes a ledger; the index is built from its entries, as it is never stored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            entries: try container.decode([KudosEntry].self, forKey: .entries),
            allowances: try container.decode([MemberID: KudosAllowance].self, forKey: .allowances))
    }

    /// The kudos `member` received, oldest first: one lookup, however many kudos the ledger holds.
    public func entries(receivedBy member: MemberID) -> LazyMapCollection<[Int], KudosEntry> {
        index.positions(receivedBy: member).lazy.map { entries[$0] }
    }

    /// The kudos `member` gave, oldest first: one lookup, however many kudos the ledger holds.
    public func entries(givenBy member: MemberID) -> LazyMapCollection<[Int], KudosEntry> {
        index.positions(givenBy: member).lazy.map { entries[$0] }
    }

    /// Adds a kudos given after every kudos in the ledger.
    public mutating func append(_ entry: KudosEntry) {
        index.add(entry, at: entries.count)
        entries.append(entry)
    }

    /// Gives kudos from `giver` to `receiver` at `now`, or says warmly why not.
    ///
    /// Checks, in order: no self-kudos, a non-empty reason (after trimming), a reason within the length
    /// limit, and the giver's allowance for their local day in `timeZone`.
    public mutating func give(
        from giver: MemberID,
        to receiver: MemberID,
        reason: String,
        at now: Date,
        timeZone: TimeZone,
        policy: KudosPolicy = KudosPolicy()
    ) throws(KudosError) -> KudosReceipt {
        guard giver != receiver else { throw .selfKudos }
        let trimmed = reason.trimmingWhitespace
        guard !trimmed.isEmpty else { throw .missingReason(receiver: receiver) }
        guard trimmed.count <= policy.maxReasonLength else {
            throw .reasonTooLong(length: trimmed.count, limit: policy.maxReasonLength)
        }
        let day = KudosLedger.dayKey(of: now, in: timeZone)
        let used = allowances[giver].flatMap { $0.day == day ? $0.count : nil } ?? 0
        guard used < policy.dailyAllowance else {
            throw .allowanceUsed(
                limit: policy.dailyAllowance,
                resetsAt: KudosLedger.nextMidnight(after: now, in: timeZone),
                timeZoneID: CommunityClockText.displayName(of: timeZone),
                now: now
            )
        }
        allowances[giver] = KudosAllowance(day: day, count: used + 1)
        let entry = KudosEntry(giver: giver, receiver: receiver, reason: trimmed, at: now)
        append(entry)
        return KudosReceipt(entry: entry, remainingToday: policy.dailyAllowance - used - 1)
    }

    /// How many kudos each member received in `[start, end)`.
    public func receivedCounts(from start: Date, to end: Date) -> [MemberID: Int] {
        var counts: [MemberID: Int] = [:]
        for entry in entries where entry.at >= start && entry.at < end {
            counts[entry.receiver, default: 0] += 1
        }
        return counts
    }

    /// The round-up ranking for `[start, end)`, spotlighting the unseen: each kudos weighs the policy's
    /// boost for the receiver's tier (peripheral most), so thanks to a newcomer outranks the same thanks
    /// to a core member. Ties: more peripheral tier, more distinct givers, earlier first kudos, member id.
    /// Members missing from `tiers` count as peripheral.
    public func spotlight(
        from start: Date,
        to end: Date,
        tiers: [MemberID: EngagementTier],
        policy: KudosPolicy = KudosPolicy()
    ) -> [KudosSpotlight] {
        var order: [MemberID] = []
        var byReceiver: [MemberID: [KudosEntry]] = [:]
        for entry in entries where entry.at >= start && entry.at < end {
            if byReceiver[entry.receiver] == nil { order.append(entry.receiver) }
            byReceiver[entry.receiver, default: []].append(entry)
        }
        let lines = order.enumerated().map { index, member in
            let received = byReceiver[member] ?? []
            let tier = tiers[member] ?? .peripheral
            let line = KudosSpotlight(
                member: member,
                count: received.count,
                givers: Set(received.map(\.giver)).count,
                tier: tier,
                weight: Double(received.count) * policy.boost(for: tier),
                reasons: received.map(\.reason)
            )
            return (index, line)
        }
        return lines.sorted { lhs, rhs in
            let (a, b) = (lhs.1, rhs.1)
            if a.weight != b.weight { return a.weight > b.weight }
            if a.tier != b.tier { return a.tier < b.tier }
            if a.givers != b.givers { return a.givers > b.givers }
            return lhs.0 < rhs.0
        }.map(\.1)
    }

    /// Drops kudos given before `cutoff` (the round-up only needs the last period or two).
    public mutating func prune(before cutoff: Date) {
        removeEntries { $0.at < cutoff }
    }

    /// Forgets everything about `member`: kudos they gave or received and their allowance.
    public mutating func remove(_ member: MemberID) {
        removeEntries { $0.giver == member || $0.receiver == member }
        allowances[member] = nil
    }

    /// Forgets what `member` did: the kudos they gave and their allowance. The kudos they received stay, as given
    /// to `stand` (the round-up still thanks "a member").
    public mutating func forgetGiver(_ member: MemberID, receiverBecomes stand: MemberID) {
        allowances[member] = nil
        entries.removeAll { $0.giver == member }
        for position in entries.indices where entries[position].receiver == member {
            entries[position].receiver = stand
        }
        index = KudosMemberIndex(entries)
    }

    /// Removes the entries `shouldRemove` picks; the index is rebuilt only when something was removed (this runs
    /// daily, and usually drops a day's kudos from the front).
    private mutating func removeEntries(where shouldRemove: (KudosEntry) -> Bool) {
        let count = entries.count
        entries.removeAll(where: shouldRemove)
        if entries.count != count { index = KudosMemberIndex(entries) }
    }

    /// The local calendar day of `instant` in `timeZone`, as `yyyy-MM-dd`.
    static func dayKey(of instant: Date, in timeZone: TimeZone) -> String {
        // Arithmetic on the offset, not a Calendar: this runs for every activity fact, replay included.
        RhythmDay(instant, in: timeZone).description
    }

    /// The next local midnight after `instant` in `timeZone` (the start of the next local day).
    static func nextMidnight(after instant: Date, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let startOfDay = calendar.startOfDay(for: instant)
        return calendar.date(byAdding: .day, value: 1, to: startOfDay) ?? instant.addingTimeInterval(86_400)
    }
}
