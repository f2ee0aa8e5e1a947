import Foundation

/// Converts between instants and local wall-clock times in one zone with Python's `fold` semantics,
/// which is what the reference implementation (cronsim on `zoneinfo`) uses for repeated and skipped times.
///
/// Times are whole seconds: instants since 1970-01-01T00:00Z, wall times since 1970-01-01T00:00 local.
struct CronZone: Sendable {
    /// The zone.
    let timeZone: TimeZone
    /// The zone's only offset, when it has had no transitions since 1800 (e.g. UTC).
    let fixedOffset: Int?

    /// Wraps `timeZone`, noting whether its offset ever changes.
    init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
        let since1800 = Date(timeIntervalSince1970: -5_364_662_400)
        fixedOffset =
            timeZone.nextDaylightSavingTimeTransition(after: since1800) == nil
            ? timeZone.secondsFromGMT(for: since1800) : nil
    }

    /// The zone's offset from UTC at an instant.
    func offset(atInstant instant: Int) -> Int {
        if let fixedOffset { return fixedOffset }
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
    }

    /// The instant of a wall time; for a repeated or skipped wall time, `fold == false` uses the offset
    /// in force before the transition and `fold == true` the one after (PEP 495).
    func instant(ofWall wall: Int, fold: Bool) -> Int {
        if let fixedOffset { return wall - fixedOffset }
        let day = CivilCalendar.secondsPerDay
        let earlier = offset(atInstant: wall - day)
        let later = offset(atInstant: wall + day)
        if earlier == later { return wall - earlier }
        let byEarlier = wall - earlier
        let byLater = wall - later
        let earlierFits = offset(atInstant: byEarlier) == earlier
        let laterFits = offset(atInstant: byLater) == later
        if fold { return laterFits || !earlierFits ? byLater : byEarlier }
        return earlierFits || !laterFits ? byEarlier : byLater
    }

    /// The wall time of an instant, with `fold == true` for the second pass through a repeated time.
    func wall(ofInstant instant: Int) -> (wall: Int, fold: Bool) {
        let current = offset(atInstant: instant)
        let wall = instant + current
        if fixedOffset != nil { return (wall, false) }
        let before = offset(atInstant: instant - CivilCalendar.secondsPerDay)
        guard before > current else { return (wall, false) }
        return (wall, offset(atInstant: instant - (before - current)) == before)
    }

    /// Whether a wall time does not exist (falls in a spring-forward gap).
    func isSkipped(wall: Int) -> Bool {
        fixedOffset == nil && self.wall(ofInstant: instant(ofWall: wall, fold: false)).wall != wall
    }

    /// Whether the offset is the same at both instants, i.e. no transition lies between them
    /// (transitions are months apart; callers only ask about spans of at most a day).
    func hasSameOffset(_ first: Int, _ second: Int) -> Bool {
        fixedOffset != nil || offset(atInstant: first) == offset(atInstant: second)
    }
}
