import Foundation

/// When facilitator turns fall (a weekday and time on the community's clock, every N weeks) and how many days
/// ahead the next facilitator is announced.
public struct EngagementRosterCadence: Sendable, Hashable {
    /// Weekly on Monday at 10:00, announced 3 days ahead.
    public static let defaults = EngagementRosterCadence()

    /// The weekday of a turn, 1 = Sunday … 7 = Saturday (Gregorian numbering; default 2, Monday).
    public var weekday: Int
    /// The local hour of a turn (default 10).
    public var hour: Int
    /// The local minute of a turn (default 0).
    public var minute: Int
    /// Turns fall every this many weeks (default 1).
    public var everyWeeks: Int
    /// How many days before a turn its facilitator is announced (default 3).
    public var announceDaysAhead: Int

    /// A cadence; every argument defaults to the documented default.
    public init(weekday: Int = 2, hour: Int = 10, minute: Int = 0, everyWeeks: Int = 1, announceDaysAhead: Int = 3) {
        self.weekday = weekday
        self.hour = hour
        self.minute = minute
        self.everyWeeks = everyWeeks
        self.announceDaysAhead = announceDaysAhead
    }

    /// The first turn strictly after `instant`, in `timeZone`: the next matching weekday and time, with
    /// `everyWeeks` counted from the first week of 2026 so the rhythm survives restarts.
    public func nextTurn(after instant: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var components = DateComponents()
        components.weekday = weekday
        components.hour = hour
        components.minute = minute
        var candidate = instant
        for _ in 0..<(max(1, everyWeeks) + 1) {
            guard
                let next = calendar.nextDate(
                    after: candidate, matching: components, matchingPolicy: .nextTime, direction: .forward)
            else { return nil }
            if isTurnWeek(next, calendar: calendar) { return next }
            candidate = next
        }
        return nil
    }

    private func isTurnWeek(_ date: Date, calendar: Calendar) -> Bool {
        guard everyWeeks > 1 else { return true }
        // 2026-01-05 is a Monday; weeks are counted from the week it starts.
        let anchor = calendar.date(from: DateComponents(year: 2026, month: 1, day: 5)) ?? date
        let days = calendar.dateComponents([.day], from: anchor, to: calendar.startOfDay(for: date)).day ?? 0
        let weeks = Int((Double(days) / 7).rounded(.down))
        return ((weeks % everyWeeks) + everyWeeks) % everyWeeks == 0
    }
}
