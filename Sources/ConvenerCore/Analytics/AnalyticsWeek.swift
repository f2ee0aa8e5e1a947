import Foundation

/// The community's weeks: Monday 00:00 to Monday 00:00 on its own clock, so a week closes at local midnight
/// and a daylight-saving change makes that week an hour shorter or longer, never shifts it.
public struct AnalyticsWeek: Sendable, Equatable {
    /// The community's time zone.
    public let timeZone: TimeZone

    /// Weeks in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The week that contains `instant`.
    public func week(containing instant: Date) -> DateInterval {
        if let week = calendar.dateInterval(of: .weekOfYear, for: instant) { return week }
        // Only a broken time zone database gets here; a fixed seven days keeps the history going.
        let start = instant.addingTimeInterval(-instant.timeIntervalSince1970.truncatingRemainder(dividingBy: 604_800))
        return DateInterval(start: start, duration: 604_800)
    }

    /// Whether `earlier` and `later` fall in the same week, told from local day numbers without a `Calendar` (a
    /// week runs Monday to Sunday on the community's clock, as in `week(containing:)`): asked on every input.
    public func sameWeek(_ earlier: Date, _ later: Date) -> Bool {
        weekNumber(of: earlier) == weekNumber(of: later)
    }

    /// Weeks since the one holding 1970-01-01 (a Thursday), counted on local days.
    private func weekNumber(of instant: Date) -> Int {
        let days = (Double(RhythmWallClock.localSeconds(of: instant, in: timeZone)) / 86_400).rounded(.down)
        return Int(((days + 3) / 7).rounded(.down))
    }

    /// The week after `week`.
    public func week(after week: DateInterval) -> DateInterval {
        self.week(containing: week.end.addingTimeInterval(1))
    }

    /// The instant `day` begins on the community's clock (00:00, or the first minute after a gap).
    public func start(of day: CivilDateTime) -> Date? {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }

    /// The week's Monday as `YYYY-MM-DD` on the community's calendar.
    public func label(of week: DateInterval) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: week.start)
        let year = parts.year ?? 0
        let month = parts.month ?? 0
        let day = parts.day ?? 0
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
