import Foundation

/// A daily window of local working hours, such as 09:00–17:00; two members can meet when their windows overlap.
public struct PairingWorkingHours: Sendable, Hashable, CustomStringConvertible {
    /// The first minute of the window, counted from local midnight.
    public var startMinute: Int
    /// How long the window lasts, in minutes (1 to 1440).
    public var lengthMinutes: Int

    /// 09:00–17:00.
    public static let standard = PairingWorkingHours(startMinute: 9 * 60, lengthMinutes: 8 * 60)

    /// A window.
    public init(startMinute: Int, lengthMinutes: Int) {
        self.startMinute = startMinute
        self.lengthMinutes = lengthMinutes
    }

    /// Reads `HH:MM-HH:MM` (an end before the start runs past midnight); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let start = RhythmClockTime(parsing: parts[0].trimmingCharacters(in: .whitespaces)),
            let end = RhythmClockTime(parsing: parts[1].trimmingCharacters(in: .whitespaces)),
            start != end
        else { return nil }
        startMinute = start.minuteOfDay
        lengthMinutes = (end.minuteOfDay - start.minuteOfDay + 1440) % 1440
    }

    /// `09:00-17:00`.
    public var description: String {
        func clock(_ minute: Int) -> String {
            let value = minute % 1440
            let hour = value / 60 < 10 ? "0\(value / 60)" : "\(value / 60)"
            let rest = value % 60 < 10 ? "0\(value % 60)" : "\(value % 60)"
            return "\(hour):\(rest)"
        }
        return "\(clock(startMinute))-\(clock(startMinute + lengthMinutes))"
    }
}
