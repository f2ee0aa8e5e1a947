import Foundation

/// How often an event's definition has changed, so calendars that already hold it replace it (RFC 5545 SEQUENCE).
///
/// Calendar apps keep an event they have seen unless a newer copy carries a higher SEQUENCE; without it a moved
/// meetup would stay at its old time in members' calendars. The daemon compares each event's fingerprint with
/// the one recorded, and records a revision once per change, durably, the first time it sees the new definition.
public struct CalendarEventRevision: Codable, Sendable, Equatable {
    /// The fingerprint of the definition this revision describes (see `CommunityEvent.fingerprint`).
    public var fingerprint: String
    /// The SEQUENCE: 0 for the definition first seen, one more for each change after it.
    public var sequence: Int
    /// When the event was first seen (CREATED).
    public var firstSeen: Date
    /// When the current definition was first seen (LAST-MODIFIED).
    public var modifiedAt: Date

    /// A revision.
    public init(fingerprint: String, sequence: Int, firstSeen: Date, modifiedAt: Date) {
        self.fingerprint = fingerprint
        self.sequence = sequence
        self.firstSeen = firstSeen
        self.modifiedAt = modifiedAt
    }

    /// The revision that follows `previous` when the definition now has `fingerprint` at `now`; nil when nothing
    /// changed. An event never seen before starts at SEQUENCE 0.
    public static func next(after previous: CalendarEventRevision?, fingerprint: String, now: Date)
        -> CalendarEventRevision?
    {
        guard let previous else {
            return CalendarEventRevision(fingerprint: fingerprint, sequence: 0, firstSeen: now, modifiedAt: now)
        }
        guard previous.fingerprint != fingerprint else { return nil }
        return CalendarEventRevision(
            fingerprint: fingerprint, sequence: previous.sequence + 1, firstSeen: previous.firstSeen, modifiedAt: now)
    }
}
