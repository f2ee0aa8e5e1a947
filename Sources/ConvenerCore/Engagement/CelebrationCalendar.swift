import Foundation

/// Members' join dates, opt-in birthdays and time zones, and which celebrations fall due when.
public struct CelebrationCalendar: Codable, Sendable, Equatable {
    /// Per member: what celebrations need.
    public var profiles: [MemberID: CelebrationProfile]

    /// An empty calendar.
    public init(profiles: [MemberID: CelebrationProfile] = [:]) {
        self.profiles = profiles
    }

    /// Records that `member` joined at `joinedAt`; keeps the first join date if already known.
    public mutating func join(_ member: MemberID, at joinedAt: Date) {
        if profiles[member] == nil {
            profiles[member] = CelebrationProfile(joinedAt: joinedAt)
        }
    }

    /// Sets (opt in) or clears (`nil`, opt out) a member's birthday; an unknown member is ignored.
    public mutating func setBirthday(_ birthday: CelebrationBirthday?, for member: MemberID) {
        profiles[member]?.birthday = birthday
    }

    /// Sets or clears a member's time zone; an unknown member is ignored.
    public mutating func setTimeZone(_ identifier: String?, for member: MemberID) {
        profiles[member]?.timeZoneID = identifier
    }

    /// Forgets everything about `member`.
    public mutating func remove(_ member: MemberID) {
        profiles[member] = nil
    }

    /// The celebrations whose announcement instant lies in `(after, through]`, oldest first.
    ///
    /// Each member's morning is `policy.hour:minute` in their own time zone, else `communityTimeZone`.
    /// A periodic tick that passes its previous `through` as the next `after` gets every celebration
    /// exactly once; after downtime, ones older than `maxLatenessHours` before `through` are skipped.
    /// Cost: O(members × local days in the window).
    public func due(
        after: Date,
        through: Date,
        communityTimeZone: TimeZone,
        policy: CelebrationPolicy = CelebrationPolicy()
    ) -> [Celebration] {
        guard through > after, policy.birthdays || policy.anniversaries else { return [] }
        let start = max(after, through.addingTimeInterval(-max(0, policy.maxLatenessHours) * 3_600))
        var found: [Celebration] = []
        for (member, profile) in profiles {
            let zone = profile.timeZone(fallback: communityTimeZone)
            let joined = CelebrationDate(profile.joinedAt, in: zone)
            // A day's morning can fall in the window only if the day overlaps it (±1 day for zone edges).
            var day = CelebrationDate(start.addingTimeInterval(-86_400), in: zone)
            let last = CelebrationDate(through.addingTimeInterval(86_400), in: zone)
            while day <= last {
                defer { day = day.next }
                guard let instant = day.instant(hour: policy.hour, minute: policy.minute, in: zone),
                    instant > start, instant <= through
                else { continue }
                if policy.birthdays, let birthday = profile.birthday {
                    let observed = birthday.observed(in: day.year)
                    if observed.month == day.month && observed.day == day.day {
                        found.append(Celebration(member: member, kind: .birthday, date: day, at: instant))
                    }
                }
                let years = day.year - joined.year
                if policy.anniversaries && years >= 1 {
                    let observed = CelebrationDate.observed(month: joined.month, day: joined.day, in: day.year)
                    if observed.month == day.month && observed.day == day.day {
                        found.append(
                            Celebration(member: member, kind: .anniversary(years: years), date: day, at: instant)
                        )
                    }
                }
            }
        }
        return found.sorted { lhs, rhs in
            lhs.at != rhs.at ? lhs.at < rhs.at : lhs.key < rhs.key
        }
    }
}
