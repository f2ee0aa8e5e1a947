import Foundation

/// Anything that can say when it fires next: a cron schedule, or a fake in tests.
public protocol ScheduleTimeline: Sendable {
    /// The first fire instant strictly after `date`, or `nil` if it never fires again.
    func nextFire(after date: Date) -> Date?
}

/// Cron schedules are the timelines the daemon uses.
extension CronSchedule: ScheduleTimeline {}
