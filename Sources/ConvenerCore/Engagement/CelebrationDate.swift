import Foundation

/// A calendar day in someone's local time zone (no time, no zone).
public struct CelebrationDate: Codable, Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// Year.
    public var year: Int
    /// Month, 1–12.
    public var month: Int
    /// Day of the month.
    public var day: Int

    /// A local day.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The local day of `instant` in `timeZone`.
    public init(_ instant: Date, in timeZone: TimeZone) {
        let parts = CelebrationDate.calendar(timeZone).dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// `yyyy-MM-dd`.
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// Orders days chronologically.
    public static func < (lhs: CelebrationDate, rhs: CelebrationDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        CivilCalendar.isLeapYear(year)
    }

    /// Where a yearly `month`/`day` falls in `year`: Feb 29 moves to Feb 28 outside leap years.
    public static func observed(month: Int, day: Int, in year: Int) -> (month: Int, day: Int) {
        month == 2 && day == 29 && !isLeapYear(year) ? (2, 28) : (month, day)
    }

    /// The day after this one.
    public var next: CelebrationDate {
        guard (1...12).contains(month) else { return CelebrationDate(year: year + 1, month: 1, day: 1) }
        if day < CivilCalendar.daysInMonth(year: year, month: month) {
            return CelebrationDate(year: year, month: month, day: day + 1)
        }
        if month < 12 { return CelebrationDate(year: year, month: month + 1, day: 1) }
        return CelebrationDate(year: year + 1, month: 1, day: 1)
    }

    /// The instant of `hour:minute` on this day in `timeZone` (a time inside a DST gap moves forward).
    public func instant(hour: Int, minute: Int, in timeZone: TimeZone) -> Date? {
        CelebrationDate.calendar(timeZone).date(
            from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        )
    }

    /// A Gregorian calendar in `timeZone`.
    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
