import Foundation

/// A time a pair (or trio) could meet: the first half hour, from the next day on, that lies inside every member's
/// working hours on a weekday in their own time zone and is not a community holiday.
///
/// It is a suggestion that saves the "when suits you?" round trip; the invitation says to move it freely.
public struct PairingMeetingSlot: Sendable, Equatable {
    /// When it starts.
    public var start: Date
    /// How long it lasts.
    public var durationMinutes: Int

    /// The length of a suggested meeting.
    public static let standardMinutes = 30
    /// How many days ahead the search looks before giving up.
    public static let searchDays = 14

    /// A slot.
    public init(start: Date, durationMinutes: Int = standardMinutes) {
        self.start = start
        self.durationMinutes = durationMinutes
    }

    /// The first slot after the day of `after` (on the community's calendar) that fits everyone in `zones`, or nil
    /// when their working hours never meet on a working day within `searchDays`.
    public static func first(
        zones: [TimeZone], workingHours: PairingWorkingHours, calendar: CommunityCalendar, after: Date
    ) -> PairingMeetingSlot? {
        guard !zones.isEmpty, workingHours.lengthMinutes >= standardMinutes else { return nil }
        let tomorrow = RhythmDay(after, in: calendar.timeZone).addingDays(1)
        let midnight = RhythmWallClock.instant(on: tomorrow, secondOfDay: 0, in: calendar.timeZone)
        // Candidates on the half hour of UTC, which is the half hour of every zone but a few (Nepal, Chatham).
        let first = (midnight.timeIntervalSince1970 / 1800).rounded(.up) * 1800
        for step in 0..<(searchDays * 48) {
            let start = Date(timeIntervalSince1970: first + TimeInterval(step * 1800))
            guard calendar.holiday(at: start) == nil else { continue }
            if zones.allSatisfy({ fits(start, in: $0, workingHours) }) { return PairingMeetingSlot(start: start) }
        }
        return nil
    }

    /// Whether the half hour from `start` lies inside the working hours of a weekday in `zone`.
    static func fits(_ start: Date, in zone: TimeZone, _ hours: PairingWorkingHours) -> Bool {
        let day = RhythmDay(start, in: zone)
        let weekday = CivilCalendar.weekday(ofDay: CivilCalendar.days(year: day.year, month: day.month, day: day.day))
        guard (1...5).contains(weekday) else { return false }
        let minute = RhythmWallClock.secondOfDay(of: start, in: zone) / 60
        let intoWindow = (minute - hours.startMinute + 1440) % 1440
        return intoWindow + standardMinutes <= hours.lengthMinutes
    }
}
