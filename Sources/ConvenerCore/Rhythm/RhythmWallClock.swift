import Foundation

/// Conversions between instants and a zone's wall clock, with explicit rules for DST gaps and repeats.
enum RhythmWallClock {
    /// The wall-clock reading of `date` in `timeZone`, as seconds since 1970-01-01T00:00 on that clock.
    static func localSeconds(of date: Date, in timeZone: TimeZone) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        return seconds + timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
    }

    /// Seconds since local midnight of `date` in `timeZone`.
    static func secondOfDay(of date: Date, in timeZone: TimeZone) -> Int {
        let local = localSeconds(of: date, in: timeZone)
        return local - Int((Double(local) / 86_400).rounded(.down)) * 86_400
    }

    /// The instant the wall clock of `timeZone` reads `secondOfDay` on `day`.
    ///
    /// A reading skipped by a spring-forward gap resolves to the instant right after the jump; a reading that
    /// occurs twice resolves to the first occurrence not before `notBefore` (the first one when `notBefore` is nil
    /// or both are earlier).
    static func instant(on day: RhythmDay, secondOfDay: Int, in timeZone: TimeZone, notBefore: Date? = nil) -> Date {
        let local = day.daysSinceEpoch * 86_400 + secondOfDay
        let probes = [local - 86_400, local, local + 86_400].map { Date(timeIntervalSince1970: Double($0)) }
        let offsets = Set(probes.map { timeZone.secondsFromGMT(for: $0) })
        var matches: [Int] = []
        for offset in offsets {
            let candidate = local - offset
            if timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(candidate))) == offset {
                matches.append(candidate)
            }
        }
        matches.sort()
        if let first = matches.first {
            if let notBefore, let later = matches.first(where: { Double($0) >= notBefore.timeIntervalSince1970 }) {
                return Date(timeIntervalSince1970: Double(later))
            }
            return Date(timeIntervalSince1970: Double(first))
        }
        // In a gap: read with the larger (later) offset the reading falls just before the jump.
        let before = Date(timeIntervalSince1970: Double(local - (offsets.max() ?? 0)))
        return timeZone.nextDaylightSavingTimeTransition(after: before) ?? before
    }
}
