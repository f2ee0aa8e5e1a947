import Foundation

/// A community's holidays, read in the community's time zone.
public struct CommunityCalendar: Sendable, Hashable {
    /// How far ahead `postpone` looks for a day that is not a holiday.
    public static let postponeHorizonDays = 366

    /// The zone whose calendar days the holidays name.
    public var timeZone: TimeZone
    /// The holidays, in any order; they may overlap.
    public var holidays: [CommunityHoliday]

    /// Creates a calendar.
    public init(timeZone: TimeZone, holidays: [CommunityHoliday] = []) {
        self.timeZone = timeZone
        self.holidays = holidays
    }

    /// The first holiday listed that contains `day`, if any.
    public func holiday(on day: RhythmDay) -> CommunityHoliday? {
        holidays.first { $0.contains(day) }
    }

    /// The holiday the community is on at `instant`, if any.
    public func holiday(at instant: Date) -> CommunityHoliday? {
        holiday(on: RhythmDay(instant, in: timeZone))
    }

    /// What a rule with `handling` does with a fire at `instant`.
    ///
    /// Postponing keeps the local time of day: a fire at 09:00 on 2026-12-24 moves to 09:00 on the first day after
    /// the holidays. If that local time does not exist that day (a spring-forward gap) it runs right after the
    /// jump; if it occurs twice, it runs at the first occurrence. A fire with no free day within
    /// `postponeHorizonDays` is skipped.
    public func decide(_ instant: Date, handling: HolidayHandling) -> HolidayDecision {
        guard handling != .ignore, let holiday = holiday(at: instant) else { return .run(instant) }
        guard handling == .postpone else { return .skip(holiday: holiday) }
        let day = RhythmDay(instant, in: timeZone)
        let secondOfDay = RhythmWallClock.secondOfDay(of: instant, in: timeZone)
        for offset in 1...Self.postponeHorizonDays {
            let candidate = day.addingDays(offset)
            guard self.holiday(on: candidate) == nil else { continue }
            let date = RhythmWallClock.instant(on: candidate, secondOfDay: secondOfDay, in: timeZone)
            return .postpone(to: date, holiday: holiday)
        }
        return .skip(holiday: holiday)
    }

    /// Hashes the zone and holidays.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZone.identifier)
        hasher.combine(holidays)
    }
}
