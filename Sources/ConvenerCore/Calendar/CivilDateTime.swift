/// A local date and time with no zone (what a calendar event's start means on its community's clock).
public struct CivilDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Year.
    public var year: Int
    /// Month, 1–12.
    public var month: Int
    /// Day of the month.
    public var day: Int
    /// Hour, 0–23.
    public var hour: Int
    /// Minute, 0–59.
    public var minute: Int

    /// A local date and time.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// The same time of day on the civil day `dayNumber` (days since 1970-01-01).
    init(dayNumber: Int, hour: Int, minute: Int) {
        let civil = CivilCalendar.civil(fromDays: dayNumber)
        self.init(year: civil.year, month: civil.month, day: civil.day, hour: hour, minute: minute)
    }

    /// Days since 1970-01-01.
    var dayNumber: Int { CivilCalendar.days(year: year, month: month, day: day) }

    /// Sunday = 0.
    var weekday: Int { CivilCalendar.weekday(ofDay: dayNumber) }

    /// Reads `2026-01-06T18:30` (or with seconds `:00`); nil for anything else or an impossible date.
    public init?(iso text: String) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        var time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        if time.count == 3, time[2] == 0 { time.removeLast() }
        guard date.count == 3, time.count == 2, parts[0].count == 10, parts[1].count == 5 || parts[1].count == 8,
            let year = date[0], let month = date[1], let day = date[2], let hour = time[0], let minute = time[1],
            (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute)
    }

    /// Reads an RFC 5545 DATE (`20261231`, end of that day) or local DATE-TIME (`20261231T180000`).
    init?(icsValue text: String) {
        let digits = Array(text)
        func number(_ range: Range<Int>) -> Int? { Int(String(digits[range])) }
        if digits.count == 8, let year = number(0..<4), let month = number(4..<6), let day = number(6..<8) {
            self.init(year: year, month: month, day: day, hour: 23, minute: 59)
        } else if digits.count == 15, digits[8] == "T", let year = number(0..<4), let month = number(4..<6),
            let day = number(6..<8), let hour = number(9..<11), let minute = number(11..<13)
        {
            self.init(year: year, month: month, day: day, hour: hour, minute: minute)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
    }

    /// `20261231T180000`, the RFC 5545 local form.
    public var icsValue: String {
        String(format: "%04d%02d%02dT%02d%02d00", year, month, day, hour, minute)
    }

    /// `2026-12-31T18:00`.
    public var description: String {
        String(format: "%04d-%02d-%02dT%02d:%02d", year, month, day, hour, minute)
    }

    /// Chronological order.
    public static func < (lhs: CivilDateTime, rhs: CivilDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute) < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute)
    }
}
