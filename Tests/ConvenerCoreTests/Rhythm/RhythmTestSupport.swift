import ConvenerCore
import Foundation

/// A timeline that fires every `period` seconds from `origin`, for tests that do not need cron.
struct RhythmFakeTimeline: ScheduleTimeline {
    let origin: Date
    let period: TimeInterval

    func nextFire(after date: Date) -> Date? {
        let steps = ((date.timeIntervalSince(origin)) / period).rounded(.down) + 1
        return origin.addingTimeInterval(max(0, steps) * period)
    }
}

/// Parses `2026-03-02T09:00:00Z` or `2026-03-02T09:00:00+01:00`; fails the test run loudly if malformed.
func rhythmDate(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test date \(text)") }
    return date
}

/// A cron schedule for tests.
func rhythmCron(_ expression: String, _ zone: String) throws -> CronSchedule {
    guard let timeZone = TimeZone(identifier: zone) else { fatalError("unknown zone \(zone)") }
    return CronSchedule(expression: try CronExpression(parsing: expression), timeZone: timeZone)
}
