import Foundation

/// A cron expression in a time zone: computes when it fires.
///
/// DST follows Debian cron as modelled by cronsim 2.8: a fixed-time job (neither minute nor hour starts
/// with `*`) whose time falls in a spring-forward gap runs right after the jump, and one whose time is
/// repeated by a fall-back runs once, on the first pass; all other jobs follow real time.
public struct CronSchedule: Sendable, Hashable {
    /// What to match.
    public let expression: CronExpression
    /// The zone whose wall clock the expression is read in.
    public let timeZone: TimeZone
    private let zone: CronZone

    /// Creates a schedule reading `expression` on the wall clock of `timeZone`.
    public init(expression: CronExpression, timeZone: TimeZone) {
        self.expression = expression
        self.timeZone = timeZone
        zone = CronZone(timeZone)
    }

    /// The first fire time strictly after `date`, or `nil` if the schedule never fires again
    /// (nothing matches within 50 years, e.g. `0 0 30 2 *`).
    public func nextFire(after date: Date) -> Date? {
        // Beyond about ±30,000 years the calendar arithmetic could overflow; no schedule runs there.
        guard abs(date.timeIntervalSince1970) < 1e12, !expression.neverFires else { return nil }
        let start = Int(date.timeIntervalSince1970.rounded(.down))
        var cursor = CronCursor(expression: expression, zone: zone, instant: start)
        return Self.next(of: &cursor, after: date.timeIntervalSince1970).map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// Up to `count` consecutive fire times strictly after `date`, fewer if the schedule stops firing.
    public func fires(after date: Date, count: Int) -> [Date] {
        var fires: [Date] = []
        var after = date
        while fires.count < count, let fire = nextFire(after: after) {
            fires.append(fire)
            after = fire
        }
        return fires
    }

    /// Two schedules are equal when they have the same expression and zone.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.expression == rhs.expression && lhs.timeZone == rhs.timeZone
    }

    /// Hashes the expression and zone.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(expression)
        hasher.combine(timeZone)
    }

    // cronsim walks a fixed-time job on the bare wall clock, so starting in the second pass of a repeated
    // hour it can answer the first pass, which is earlier than the start; we skip such answers.
    private static func next(of cursor: inout CronCursor, after start: Double) -> Int? {
        while let fire = cursor.next() {
            if Double(fire) > start { return fire }
        }
        return nil
    }
}
