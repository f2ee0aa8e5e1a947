import Foundation

/// The `.ics` invitation of one pairing group: an RFC 5546 REQUEST for the suggested slot, which calendar apps
/// offer to add (and, with addresses, to answer).
///
/// Times are written in UTC, so every member's calendar shows the slot on their own clock. ORGANIZER and ATTENDEE
/// need e-mail addresses; when not every member's is known the invitation goes without them, which calendar apps
/// import as a plain event.
public struct PairingInvitation: Sendable {
    /// The community.
    public var profile: CommunityProfile
    /// The round.
    public var round: PairingRound
    /// The group's position in the round.
    public var group: Int
    /// The suggested slot.
    public var slot: PairingMeetingSlot
    /// The members' names, in the group's order.
    public var names: [String]
    /// The members' confirmed e-mail addresses, in the group's order, when every one is known.
    public var addresses: [String]?

    /// An invitation.
    public init(
        profile: CommunityProfile, round: PairingRound, group: Int, slot: PairingMeetingSlot, names: [String],
        addresses: [String]? = nil
    ) {
        self.profile = profile
        self.round = round
        self.group = group
        self.slot = slot
        self.names = names
        self.addresses = addresses
    }

    /// The slot for group `group` of `round`, under `program`'s working hours: the same on every call, since it
    /// depends only on the round as recorded.
    public static func slot(
        round: PairingRound, group: Int, workingHours: PairingWorkingHours, profile: CommunityProfile
    ) -> PairingMeetingSlot? {
        guard round.groups.indices.contains(group) else { return nil }
        let zones = round.groups[group].members.map { member in
            round.pool.first { $0.member == member }.flatMap { TimeZone(identifier: $0.timeZone) } ?? profile.timeZone
        }
        return PairingMeetingSlot.first(
            zones: zones, workingHours: workingHours, calendar: profile.calendar, after: round.at)
    }

    /// The UID: stable for the group, so a second download updates the same event.
    public var uid: String { "pairing-\(round.number)-\(group)@\(profile.id).convener" }

    /// The calendar object.
    public func document() -> String {
        var writer = ICSWriter()
        writer.raw("BEGIN", "VCALENDAR")
        writer.raw("VERSION", "2.0")
        writer.raw("PRODID", "-//Convener//Pairing invitation//EN")
        writer.raw("CALSCALE", "GREGORIAN")
        writer.raw("METHOD", "REQUEST")
        writer.raw("BEGIN", "VEVENT")
        writer.raw("UID", uid)
        writer.raw("DTSTAMP", CalendarFeed.utcValue(round.at))
        writer.raw("SEQUENCE", "0")
        writer.raw("DTSTART", CalendarFeed.utcValue(slot.start))
        writer.raw("DURATION", "PT\(slot.durationMinutes)M")
        let kind = round.kind == .mentorship ? "Mentoring" : "Coffee"
        writer.text("SUMMARY", "\(kind): \(names.joined(separator: " & "))")
        writer.text(
            "DESCRIPTION",
            "\(kind) round \(round.number) of \(profile.name). Convener suggests this time because it lies inside "
                + "everyone's working hours; move it freely if another suits you better.")
        if let addresses, addresses.count == names.count, let organizer = addresses.first {
            writer.raw("ORGANIZER;CN=\(Self.parameter(names[0]))", "mailto:\(organizer)")
            for (name, address) in zip(names, addresses) {
                writer.raw(
                    "ATTENDEE;CN=\(Self.parameter(name));ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE",
                    "mailto:\(address)")
            }
        }
        writer.raw("TRANSP", "OPAQUE")
        writer.raw("END", "VEVENT")
        writer.raw("END", "VCALENDAR")
        return writer.document
    }

    /// A parameter value, quoted (RFC 5545 §3.2: no DQUOTE inside, so it is dropped).
    private static func parameter(_ value: String) -> String {
        "\"" + value.filter { $0 != "\"" && !$0.isNewline } + "\""
    }
}
