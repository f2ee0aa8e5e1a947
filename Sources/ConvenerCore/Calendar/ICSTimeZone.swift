import Foundation

/// The VTIMEZONE block for a zone: its offset changes within a window, each as an observance.
enum ICSTimeZone {
    /// Writes `VTIMEZONE` for `zone` named `name`, covering `from` through `through`.
    static func write(_ zone: TimeZone, name: String, from: Date, through: Date, into writer: inout ICSWriter) {
        writer.raw("BEGIN", "VTIMEZONE")
        writer.raw("TZID", name)
        let initial = zone.secondsFromGMT(for: from)
        observance(
            zone.isDaylightSavingTime(for: from), at: from, offsetBefore: initial, offsetAfter: initial, zone,
            into: &writer)
        var cursor = from
        while let transition = zone.nextDaylightSavingTimeTransition(after: cursor), transition <= through {
            let before = zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
            let after = zone.secondsFromGMT(for: transition)
            observance(
                zone.isDaylightSavingTime(for: transition), at: transition, offsetBefore: before, offsetAfter: after,
                zone, into: &writer)
            cursor = transition
        }
        writer.raw("END", "VTIMEZONE")
    }

    private static func observance(
        _ daylight: Bool, at instant: Date, offsetBefore: Int, offsetAfter: Int, _ zone: TimeZone,
        into writer: inout ICSWriter
    ) {
        let kind = daylight ? "DAYLIGHT" : "STANDARD"
        writer.raw("BEGIN", kind)
        // An observance starts at the local time in the offset in force before it (RFC 5545 §3.6.5).
        let local = instant.addingTimeInterval(TimeInterval(offsetBefore))
        writer.raw("DTSTART", CommunityEvent.civil(of: local, in: utc).icsValue)
        writer.raw("TZOFFSETFROM", offset(offsetBefore))
        writer.raw("TZOFFSETTO", offset(offsetAfter))
        if let abbreviation = zone.abbreviation(for: instant), abbreviation.allSatisfy(\.isLetter) {
            writer.raw("TZNAME", abbreviation)
        }
        writer.raw("END", kind)
    }

    /// `+0100`, `-0330`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + String(format: "%02d%02d", minutes / 60, minutes % 60)
    }

    private static let utc = TimeZone(secondsFromGMT: 0) ?? .gmt
}
