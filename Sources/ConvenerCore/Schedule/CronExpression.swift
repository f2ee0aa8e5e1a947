/// A parsed five-field cron expression (minute hour day-of-month month day-of-week) or an `@` shortcut.
///
/// Follows Vixie/Debian cron: names (`MON`, `JAN`) in any case, ranges, steps (`*/15`, `1-30/5`, `5/10`),
/// lists, `7` = Sunday, and the day rule: when neither day field starts with `*`, a day matches if
/// either field matches; otherwise both must match.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// Minutes that match, bit n = minute n.
    let minutes: UInt64
    /// Hours that match, bit n = hour n.
    let hours: UInt32
    /// Days of the month that match, bit n = day n (1...31).
    let daysOfMonth: UInt32
    /// Months that match, bit n = month n (1...12).
    let months: UInt16
    /// Weekdays that match, bit n = weekday n with Sunday = 0 (a written 7 sets bit 0).
    let daysOfWeek: UInt8
    /// Whether a day must match both day fields (one of them starts with `*`) rather than either.
    let daysMatchBoth: Bool
    /// Whether neither the minute nor the hour field starts with `*`: such jobs follow the wall clock
    /// across DST changes (Debian cron's "fixed-time" jobs); the others follow real time.
    let isFixedTime: Bool
    /// Whether the day-of-month field starts with `*`.
    let dayOfMonthIsStar: Bool
    /// Whether the day-of-week field starts with `*`.
    let dayOfWeekIsStar: Bool
    /// Whether no selected month is long enough for any selected day while both day fields must match,
    /// e.g. `0 0 30 2 *` (cronsim rejects such expressions; we accept them and never fire).
    let neverFires: Bool

    /// Parses `text`, a five-field expression or one of `@yearly`, `@annually`, `@monthly`, `@weekly`,
    /// `@daily`, `@midnight`, `@hourly`.
    public init(parsing text: String) throws(CronParseError) {
        let fields = try CronExpressionParser(text: text).parse()
        minutes = fields.values[0]
        hours = UInt32(truncatingIfNeeded: fields.values[1])
        daysOfMonth = UInt32(truncatingIfNeeded: fields.values[2])
        months = UInt16(truncatingIfNeeded: fields.values[3])
        let weekdays = fields.values[4]
        daysOfWeek = UInt8(truncatingIfNeeded: (weekdays | (weekdays >> 7)) & 0x7F)
        dayOfMonthIsStar = fields.startsWithStar[2]
        dayOfWeekIsStar = fields.startsWithStar[4]
        daysMatchBoth = dayOfMonthIsStar || dayOfWeekIsStar
        isFixedTime = !fields.startsWithStar[0] && !fields.startsWithStar[1]
        var longestMonth = 0
        for month in 1...12 where fields.values[3] & (1 << UInt64(month)) != 0 {
            longestMonth = max(longestMonth, CivilCalendar.daysInMonth(year: 2000, month: month))
        }
        let possibleDays = UInt32((1 << (longestMonth + 1)) - 2)
        neverFires = daysMatchBoth && daysOfMonth & possibleDays == 0
    }

    /// The schedule in plain English, e.g. "at 09:00 on Monday".
    public var description: String { CronDescriber(expression: self).sentence }

    /// Whether `minute` (0...59) matches.
    func matchesMinute(_ minute: Int) -> Bool { minutes & (1 << UInt64(minute)) != 0 }

    /// Whether `hour` (0...23) matches.
    func matchesHour(_ hour: Int) -> Bool { hours & (1 << UInt32(hour)) != 0 }

    /// Whether `month` (1...12) matches.
    func matchesMonth(_ month: Int) -> Bool { months & (1 << UInt16(month)) != 0 }

    /// The days (bit n = day n) of the given month that match both day fields under the AND/OR rule.
    func matchingDays(year: Int, month: Int) -> UInt32 {
        let length = CivilCalendar.daysInMonth(year: year, month: month)
        let valid = UInt32((1 << (length + 1)) - 2)
        let firstWeekday = CivilCalendar.weekday(
            ofDay: CivilCalendar.days(year: year, month: month, day: 1))
        // Repeat the weekday pattern so bit (firstWeekday + d - 1) says whether day d matches.
        var pattern: UInt64 = 0
        for shift in stride(from: 0, to: 49, by: 7) {
            pattern |= UInt64(daysOfWeek) << UInt64(shift)
        }
        let byWeekday = UInt32(truncatingIfNeeded: (pattern >> UInt64(firstWeekday)) << 1)
        let combined = daysMatchBoth ? (daysOfMonth & byWeekday) : (daysOfMonth | byWeekday)
        return combined & valid
    }
}
