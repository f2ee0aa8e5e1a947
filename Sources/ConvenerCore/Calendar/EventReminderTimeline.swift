import Foundation

/// When a reminder rule fires: a fixed lead before each instance of a calendar event that takes place.
///
/// It is a `ScheduleTimeline`, so reminders go through the scheduler's fire ledger like cron schedules: each
/// reminder is recorded before its actions run and fires once, across restarts. Instances called off (by hand or
/// by a community holiday the event skips) have no reminder; the instants follow the event's own clock, so a
/// reminder 30 minutes before an 18:00 meetup comes at 17:30 local on both sides of a DST change.
public struct EventReminderTimeline: ScheduleTimeline {
    /// The event reminded of.
    public let event: CommunityEvent
    /// The community's zone and holidays.
    public let calendar: CommunityCalendar
    /// How long before each instance's start the reminder comes.
    public let lead: TimeInterval

    /// How far ahead a recurrence rule is expanded to find the next instance.
    static let lookaheadDays = 400

    /// A timeline of reminders `lead` before each instance of `event`.
    public init(event: CommunityEvent, calendar: CommunityCalendar, lead: TimeInterval) {
        self.event = event
        self.calendar = calendar
        self.lead = lead
    }

    public func nextFire(after date: Date) -> Date? {
        nextInstance(startingAfter: date.addingTimeInterval(lead)).map { $0.start.addingTimeInterval(-lead) }
    }

    /// The instance a reminder at `instant` is about.
    public func instance(remindedAt instant: Date) -> CommunityEvent.Instance? {
        let start = instant.addingTimeInterval(lead)
        return nextInstance(startingAfter: start.addingTimeInterval(-1)).flatMap { $0.start == start ? $0 : nil }
    }

    /// The first instance that takes place and starts strictly after `instant`.
    func nextInstance(startingAfter instant: Date) -> CommunityEvent.Instance? {
        let zone = calendar.timeZone
        switch event.recurrence {
        case .once:
            let only = event.instance(at: event.start, calendar: calendar)
            return only.start > instant && only.cancellation == nil ? only : nil
        case .rule(let rule):
            let through = CommunityEvent.civil(
                of: instant.addingTimeInterval(TimeInterval(Self.lookaheadDays * 86_400)), in: zone)
            // A rule with COUNT counts from its start, so it is expanded from there.
            return rule.instances(from: event.start, through: through, limit: 100_000).lazy
                .map { event.instance(at: $0, calendar: calendar) }
                .first { $0.start > instant && $0.cancellation == nil }
        case .cron(let expression):
            let schedule = CronSchedule(expression: expression, timeZone: event.scheduleTimeZone ?? zone)
            var cursor = max(instant, CommunityEvent.instant(of: event.start, in: zone).addingTimeInterval(-1))
            // Cron events have no end; skip at most a year of instances called off.
            for _ in 0..<Self.lookaheadDays * 24 {
                guard let fire = schedule.nextFire(after: cursor) else { return nil }
                let found = event.instance(at: CommunityEvent.civil(of: fire, in: zone), calendar: calendar)
                if found.cancellation == nil { return CommunityEvent.Instance(local: found.local, start: fire) }
                cursor = fire
            }
            return nil
        }
    }
}
