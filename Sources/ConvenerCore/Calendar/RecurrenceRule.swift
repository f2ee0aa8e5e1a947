/// An RFC 5545 recurrence rule (`FREQ=WEEKLY;BYDAY=TU`), in the subset community events need: daily, weekly,
/// monthly and yearly rules with INTERVAL, COUNT or UNTIL, BYDAY (with an ordinal in monthly and yearly rules),
/// BYMONTHDAY, BYMONTH, BYSETPOS and WKST. Rules finer than a day (BYHOUR, HOURLY …) are refused: a community's
/// meetings recur by the day, at the time of their start.
public struct RecurrenceRule: Sendable, Hashable, CustomStringConvertible {
    /// How often the rule's periods repeat.
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
        case yearly = "YEARLY"
    }

    /// A weekday with an optional ordinal: `TU`, `1MO` (the first Monday), `-1FR` (the last Friday).
    public struct WeekdayNumber: Sendable, Hashable {
        /// Sunday = 0 … Saturday = 6.
        public var weekday: Int
        /// The occurrence within the month (monthly, or yearly with BYMONTH) or year; nil for every one.
        public var ordinal: Int?
    }

    /// Where the rule stops: never, after a number of instances, or after a local date and time.
    public enum End: Sendable, Hashable {
        case never
        case count(Int)
        case until(CivilDateTime)
    }

    /// The frequency.
    public var frequency: Frequency
    /// Every how many periods (1 = every one).
    public var interval = 1
    /// Where the rule stops.
    public var end = End.never
    /// BYDAY.
    public var weekdays: [WeekdayNumber] = []
    /// BYMONTHDAY: 1…31 or -31…-1 (from the end of the month).
    public var monthDays: [Int] = []
    /// BYMONTH: 1…12.
    public var months: [Int] = []
    /// BYSETPOS: which of each period's instances to keep, 1-based, negative from the end.
    public var setPositions: [Int] = []
    /// WKST: the first day of the week, Sunday = 0 (default Monday).
    public var weekStart = 1

    static let dayNames = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]

    /// A rule with `frequency` and nothing else.
    public init(frequency: Frequency) {
        self.frequency = frequency
    }

    /// The rule in RFC 5545 form, parts in a fixed order (what the ICS feed writes).
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        switch end {
        case .never: break
        case .count(let count): parts.append("COUNT=\(count)")
        case .until(let until): parts.append("UNTIL=\(until.icsValue)")
        }
        if !weekdays.isEmpty {
            let days = weekdays.map { ($0.ordinal.map(String.init) ?? "") + Self.dayNames[$0.weekday] }
            parts.append("BYDAY=" + days.joined(separator: ","))
        }
        if !monthDays.isEmpty { parts.append("BYMONTHDAY=" + monthDays.map(String.init).joined(separator: ",")) }
        if !months.isEmpty { parts.append("BYMONTH=" + months.map(String.init).joined(separator: ",")) }
        if !setPositions.isEmpty { parts.append("BYSETPOS=" + setPositions.map(String.init).joined(separator: ",")) }
        if weekStart != 1 { parts.append("WKST=\(Self.dayNames[weekStart])") }
        return parts.joined(separator: ";")
    }
}
