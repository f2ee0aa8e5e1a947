import Foundation

/// Where an event's instances fall, on the community's clock and as instants.
extension CommunityEvent {
    /// One instance: its local start, its instant, and whether it is called off.
    public struct Instance: Sendable, Hashable {
        /// The local start on the community's clock.
        public var local: CivilDateTime
        /// The instant it starts (a local time inside a spring-forward gap moves forward by the gap).
        public var start: Date
        /// Why it is called off: listed in `cancelled`, or a community holiday; nil when it takes place.
        public var cancellation: String?
    }

    /// The instances whose local start lies from `start` through `through`, in order, at most `limit`.
    public func instances(
        through: CivilDateTime, calendar: CommunityCalendar, limit: Int = 1_000
    ) -> [Instance] {
        let zone = calendar.timeZone
        let locals: [CivilDateTime]
        switch recurrence {
        case .once:
            locals = start <= through ? [start] : []
        case .rule(let rule):
            locals = rule.instances(from: start, through: through, limit: limit)
        case .cron(let expression):
            let schedule = CronSchedule(expression: expression, timeZone: scheduleTimeZone ?? zone)
            let first = Self.instant(of: start, in: zone).addingTimeInterval(-1)
            locals = schedule.fires(after: first, count: limit).map { Self.civil(of: $0, in: zone) }
                .filter { $0 <= through }
        }
        return locals.map { instance(at: $0, calendar: calendar) }
    }

    /// The instance that starts at `local`, with why it is called off, if it is.
    func instance(at local: CivilDateTime, calendar: CommunityCalendar) -> Instance {
        let day = RhythmDay(year: local.year, month: local.month, day: local.day)
        var cancellation: String?
        if let day, cancelled.contains(day) {
            cancellation = "called off"
        } else if skipsHolidays, let day, let holiday = calendar.holiday(on: day) {
            cancellation = "a community holiday (\(holiday))"
        }
        return Instance(local: local, start: Self.instant(of: local, in: calendar.timeZone), cancellation: cancellation)
    }

    /// The instant of a local time in `zone`.
    static func instant(of local: CivilDateTime, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(
            year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute)
        return calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
    }

    /// The local time of `instant` in `zone`.
    static func civil(of instant: Date, in zone: TimeZone) -> CivilDateTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return CivilDateTime(
            year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0,
            minute: parts.minute ?? 0)
    }
}
