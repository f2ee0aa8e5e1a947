import Foundation

/// Every member's engagement, with the mutations the reducer applies and the periodic check.
///
/// The policy is passed in rather than stored, so a convenor's config change applies to existing
/// scores at the next check without migrating state.
public struct EngagementState: Codable, Sendable, Equatable {
    /// Each member's engagement record.
    public var records: [MemberID: EngagementRecord]

    /// No members yet.
    public init(records: [MemberID: EngagementRecord] = [:]) {
        self.records = records
    }

    /// Starts tracking `member` from `joinedAt` (peripheral, score 0); does nothing if already tracked.
    public mutating func join(_ member: MemberID, at joinedAt: Date) {
        if records[member] == nil {
            records[member] = EngagementRecord(joinedAt: joinedAt)
        }
    }

    /// Stops tracking `member` (for `/cop me forget`).
    public mutating func remove(_ member: MemberID) {
        records[member] = nil
    }

    /// Counts one `activity` by `member` at `instant`; O(1). An unknown member is tracked from `instant`.
    public mutating func record(
        _ activity: EngagementActivity,
        by member: MemberID,
        at instant: Date,
        policy: EngagementPolicy
    ) {
        var record = records[member] ?? EngagementRecord(joinedAt: instant)
        record.add(policy.weights.weight(of: activity), at: instant, halfLife: policy.halfLife)
        if activity.endsSilence && instant >= record.lastActiveAt {
            record.lastActiveAt = instant
            record.inactiveRaised = false
        }
        records[member] = record
    }

    /// The member's score decayed to `instant`, `nil` for a member not tracked.
    public func score(of member: MemberID, at instant: Date, policy: EngagementPolicy) -> Double? {
        records[member]?.score(at: instant, halfLife: policy.halfLife)
    }

    /// The member's tier as of the last check, `nil` for a member not tracked.
    public func tier(of member: MemberID) -> EngagementTier? {
        records[member]?.tier
    }

    /// How many members sit on each tier (every tier present, possibly 0).
    public func tierCounts() -> [EngagementTier: Int] {
        var counts = Dictionary(uniqueKeysWithValues: EngagementTier.allCases.map { ($0, 0) })
        for record in records.values {
            counts[record.tier, default: 0] += 1
        }
        return counts
    }

    /// Applies tier changes and silence checks as of `now` and returns the events raised, ordered by member.
    ///
    /// O(members) plus sorting the events raised. A tier changes only when the decayed score crosses a
    /// promotion or keep threshold and the member's last change is at least `minDaysBetweenTierChanges`
    /// old; `inactive` is raised once when a member has been silent `silentDays` days, and again only
    /// after they have been active in between. Calling it twice with the same `now` raises nothing new.
    public mutating func evaluate(now: Date, policy: EngagementPolicy) -> [EngagementEvent] {
        var events: [EngagementEvent] = []
        let minGap = policy.minDaysBetweenTierChanges * 86_400
        let silence = TimeInterval(policy.silentDays) * 86_400
        for (member, original) in records {
            var record = original
            let score = record.score(at: now, halfLife: policy.halfLife)
            let target = policy.targetTier(current: record.tier, score: score)
            let rested = record.tierChangedAt.map { now.timeIntervalSince($0) >= minGap } ?? true
            if target != record.tier && rested {
                events.append(.tierChanged(member: member, from: record.tier, to: target))
                record.tier = target
                record.tierChangedAt = now
            }
            let silentFor = now.timeIntervalSince(record.lastActiveAt)
            if !record.inactiveRaised && silentFor >= silence {
                events.append(.inactive(member: member, days: Int((silentFor / 86_400).rounded(.down))))
                record.inactiveRaised = true
            }
            if record != original {
                records[member] = record
            }
        }
        return events.sorted { lhs, rhs in
            lhs.member != rhs.member ? lhs.member < rhs.member : lhs.triggerName > rhs.triggerName
        }
    }
}
