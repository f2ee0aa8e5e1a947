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
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(Self.day(parts)) \(Self.pad(parts.hour)):\(Self.pad(parts.minute)) (\(zoneName))"
    }

    /// The local day: `2026-12-12`.
    public func day(_ date: Date) -> String {
        Self.day(calendar.dateComponents([.year, .month, .day], from: date))
    }

    /// The name to show for `timeZone` when the config's own spelling is not known: `UTC` rather than the `GMT`
    /// that Foundation on Linux reports for it.
    public static func displayName(of timeZone: TimeZone) -> String {
        timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static func day(_ parts: DateComponents) -> String {
        String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    private static func pad(_ value: Int?) -> String {
        String(format: "%02d", value ?? 0)
    }
}
