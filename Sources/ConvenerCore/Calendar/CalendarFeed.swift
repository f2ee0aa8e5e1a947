import Foundation

/// A community's events as one RFC 5545 calendar: what `GET /calendar/{community}/{secret}.ics` serves.
///
/// Each event is one VEVENT with a stable UID, its zone's VTIMEZONE, and its recurrence as RRULE (or, for cron
/// schedules, which RFC 5545 cannot express, as RDATEs for the window). An instance called off, by hand or by a
/// community holiday, is an EXDATE on the series plus a VEVENT for that RECURRENCE-ID with STATUS:CANCELLED, so
/// calendars that already showed it take it away.
public struct CalendarFeed: Sendable {
    /// The community whose calendar this is.
    public var profile: CommunityProfile
    /// Its events.
    public var events: [CommunityEvent]
    /// Who facilitates next, from the roster, if anyone (shown in each event's description).
    public var nextFacilitator: String?
    /// Each event's revision (SEQUENCE, CREATED, LAST-MODIFIED), by event id; an event without one has SEQUENCE 0.
    public var revisions: [String: CalendarEventRevision] = [:]

    /// How far ahead cron instances and cancellations are listed.
    public static let windowDays = 366

    /// A feed.
    public init(
        profile: CommunityProfile, events: [CommunityEvent], nextFacilitator: String? = nil,
        revisions: [String: CalendarEventRevision] = [:]
    ) {
        self.profile = profile
        self.events = events
        self.nextFacilitator = nextFacilitator
        self.revisions = revisions
    }

    /// The calendar object, generated at `now`.
    public func document(now: Date) -> String {
        var writer = ICSWriter()
        let zoneName = profile.timeZoneName
        writer.raw("BEGIN", "VCALENDAR")
        writer.raw("VERSION", "2.0")
        writer.raw("PRODID", "-//Convener//Community calendar//EN")
        writer.raw("CALSCALE", "GREGORIAN")
        writer.raw("METHOD", "PUBLISH")
        writer.text("X-WR-CALNAME", profile.name)
        writer.raw("X-WR-TIMEZONE", zoneName)
        let firstStart = events.map { CommunityEvent.instant(of: $0.start, in: profile.timeZone) }.min() ?? now
        let horizon = now.addingTimeInterval(TimeInterval(Self.windowDays * 86_400))
        ICSTimeZone.write(
            profile.timeZone, name: zoneName, from: min(firstStart, now).addingTimeInterval(-86_400), through: horizon,
            into: &writer)
        let through = CommunityEvent.civil(of: horizon, in: profile.timeZone)
        let stamp = Self.utcValue(now)
        for event in events.sorted(by: { $0.id < $1.id }) {
            write(event, through: through, stamp: stamp, into: &writer)
        }
        writer.raw("END", "VCALENDAR")
        return writer.document
    }

    /// `20260301T100000Z`: an instant in UTC, as RFC 5545 writes DTSTAMP, CREATED and LAST-MODIFIED.
    static func utcValue(_ instant: Date) -> String {
        CommunityEvent.civil(of: instant, in: TimeZone(secondsFromGMT: 0) ?? .gmt).icsValue + "Z"
    }

    /// The UID of an event's series: stable across restarts and config edits that keep its id.
    public func uid(of event: CommunityEvent) -> String { "\(event.id)@\(profile.id).convener" }

    private func write(_ event: CommunityEvent, through: CivilDateTime, stamp: String, into writer: inout ICSWriter) {
        let zone = profile.timeZoneName
        let instances = event.instances(through: through, calendar: profile.calendar)
        let called = instances.filter { $0.cancellation != nil }
        writer.raw("BEGIN", "VEVENT")
        head(event, stamp: stamp, into: &writer)
        let first: CivilDateTime
        switch event.recurrence {
        case .cron: first = instances.first?.local ?? event.start
        case .once, .rule: first = event.start
        }
        writer.raw("DTSTART;TZID=\(zone)", first.icsValue)
        writer.raw("DURATION", "PT\(event.durationMinutes)M")
        switch event.recurrence {
        case .once: break
        case .rule(let rule): writer.raw("RRULE", rule.description)
        case .cron:
            let later = instances.dropFirst().map(\.local.icsValue)
            if !later.isEmpty { writer.raw("RDATE;TZID=\(zone)", later.joined(separator: ",")) }
        }
        if !called.isEmpty, event.recurrence != .once {
            writer.raw("EXDATE;TZID=\(zone)", called.map(\.local.icsValue).joined(separator: ","))
        }
        if event.recurrence == .once, called.first != nil { writer.raw("STATUS", "CANCELLED") }
        writer.raw("END", "VEVENT")
        guard event.recurrence != .once else { return }
        for instance in called {
            writer.raw("BEGIN", "VEVENT")
            head(event, stamp: stamp, into: &writer)
            writer.raw("RECURRENCE-ID;TZID=\(zone)", instance.local.icsValue)
            writer.raw("DTSTART;TZID=\(zone)", instance.local.icsValue)
            writer.raw("DURATION", "PT\(event.durationMinutes)M")
            writer.raw("STATUS", "CANCELLED")
            writer.text("COMMENT", "Called off: \(instance.cancellation ?? "")")
            writer.raw("END", "VEVENT")
        }
    }

    private func head(_ event: CommunityEvent, stamp: String, into writer: inout ICSWriter) {
        writer.raw("UID", uid(of: event))
        writer.raw("DTSTAMP", stamp)
        let revision = revisions[event.id]
        writer.raw("SEQUENCE", String(revision?.sequence ?? 0))
        if let revision {
            writer.raw("CREATED", Self.utcValue(revision.firstSeen))
            writer.raw("LAST-MODIFIED", Self.utcValue(revision.modifiedAt))
        }
        writer.text("SUMMARY", event.title)
        var description: [String] = []
        if let details = event.details { description.append(details) }
        if let nextFacilitator { description.append("Next facilitator: \(nextFacilitator)") }
        if let link = event.link { description.append("Join: \(link)") }
        if !description.isEmpty { writer.text("DESCRIPTION", description.joined(separator: "\n")) }
        if let location = event.location { writer.text("LOCATION", location) }
        if let link = event.link { writer.raw("URL", link) }
    }
}
