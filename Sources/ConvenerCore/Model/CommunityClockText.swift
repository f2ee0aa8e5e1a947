import Foundation

/// How dates and times read in messages to people: on the community's clock, with its zone named as the convenor
/// wrote it in the config (`UTC`, `Europe/Berlin`), never as Foundation renames it (`GMT`).
public struct CommunityClockText: Sendable, Equatable {
    /// The zone dates are shown in.
    public let timeZone: TimeZone
    /// The zone's name as shown to people.
    public let zoneName: String

    /// Dates in UTC, for text that is not tied to one community.
    public static let utc = CommunityClockText(timeZone: .gmt, zoneName: "UTC")

    /// Text for dates in `timeZone`, named `zoneName`.
    public init(timeZone: TimeZone, zoneName: String) {
        self.timeZone = timeZone
        self.zoneName = zoneName
    }

    /// A date and time with the zone: `2026-12-12 17:00 (Europe/Berlin)`.
    public func dateTime(_ date: Date) -> String {
        // Arithmetic on the zone's offset, as `RhythmDay` does, not a Calendar and `String(format:)`: a member's
        // summary prints several of these.
        let second = RhythmWallClock.secondOfDay(of: date, in: timeZone)
        return "\(day(date)) \(Self.pad(second / 3_600)):\(Self.pad(second % 3_600 / 60)) (\(zoneName))"
    }

    /// The local day: `2026-12-12`.
    public func day(_ date: Date) -> String {
        RhythmDay(date, in: timeZone).description
    }

    /// The name to show for `timeZone` when the config's own spelling is not known: `UTC` rather than the `GMT`
    /// that Foundation on Linux reports for it.
    public static func displayName(of timeZone: TimeZone) -> String {
        timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
