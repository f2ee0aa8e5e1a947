import Foundation

/// A daily window on a member's wall clock when the bot sends no direct messages, e.g. 21:00-08:00.
///
/// The window starts at `start` (inclusive) and ends at `end` (exclusive); when `start` is later than `end` it
/// wraps midnight. `start == end` means no quiet hours.
public struct QuietHours: Sendable, Hashable, Codable, CustomStringConvertible {
    /// When the quiet window starts.
    public var start: RhythmClockTime
    /// When the quiet window ends (the first allowed minute).
    public var end: RhythmClockTime

    /// Creates quiet hours from `start` to `end`.
    public init(start: RhythmClockTime, end: RhythmClockTime) {
        self.start = start
        self.end = end
    }

    /// Parses `21:00-08:00` (also with `..` or spaces around the dash); nil otherwise.
    public init?(parsing text: String) {
        let separator = text.contains("..") ? ".." : "-"
        let parts = text.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = RhythmClockTime(parsing: parts[0]),
            let end = RhythmClockTime(parsing: parts[1])
        else { return nil }
        self.init(start: start, end: end)
    }

    /// `21:00-08:00`.
    public var description: String { "\(start)-\(end)" }

    /// Whether `instant` falls in the quiet window on the wall clock of `timeZone`.
    public func contains(_ instant: Date, in timeZone: TimeZone) -> Bool {
        let minute = RhythmWallClock.secondOfDay(of: instant, in: timeZone) / 60
        return contains(minuteOfDay: minute)
    }

    /// `instant` itself if it is outside the quiet window, else the first instant after it when the window ends.
    ///
    /// The window ends when the wall clock reaches `end`; if a spring-forward gap skips that reading, it ends
    /// right after the jump, and if a fall-back repeats it, at the first occurrence after `instant`.
    public func nextAllowed(atOrAfter instant: Date, in timeZone: TimeZone) -> Date {
        let minute = RhythmWallClock.secondOfDay(of: instant, in: timeZone) / 60
        guard contains(minuteOfDay: minute) else { return instant }
        let today = RhythmDay(instant, in: timeZone)
        let wraps = start > end
        let endDay = wraps && minute >= start.minuteOfDay ? today.addingDays(1) : today
        let resolved = RhythmWallClock.instant(
            on: endDay, secondOfDay: end.minuteOfDay * 60, in: timeZone, notBefore: instant)
        return max(resolved, instant)
    }

    private func contains(minuteOfDay minute: Int) -> Bool {
        if start == end { return false }
        if start < end { return start.minuteOfDay <= minute && minute < end.minuteOfDay }
        return minute >= start.minuteOfDay || minute < end.minuteOfDay
    }
}
