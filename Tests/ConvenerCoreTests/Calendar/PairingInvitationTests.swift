import Foundation
import Testing

@testable import ConvenerCore

/// Pairing invitations: a slot inside everyone's working hours, its `.ics` REQUEST, and the signed link.
@Suite("Pairing invitations")
struct PairingInvitationTests {
    let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    func utc(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    func calendar(holidays: [String] = []) -> CommunityCalendar {
        CommunityCalendar(timeZone: berlin, holidays: holidays.compactMap { CommunityHoliday(parsing: $0) })
    }

    @Test(
        "the first half hour inside both members' working hours on the next working day, across each DST change",
        arguments: [
            // Friday before Europe's change (2026-03-29); New York changed on 03-08: Berlin +02 from Monday.
            ("2026-03-27T08:00:00Z", [String](), "2026-03-30T13:00:00Z"),
            // The Monday is a community holiday: Tuesday.
            ("2026-03-27T08:00:00Z", ["2026-03-30"], "2026-03-31T13:00:00Z"),
            // Before New York's change (2026-03-08): Berlin +01, New York -05, overlap from 14:00Z.
            ("2026-03-05T08:00:00Z", [], "2026-03-06T14:00:00Z"),
            // Between the two changes: Berlin +01, New York -04, overlap from 13:00Z to 16:00Z.
            ("2026-03-12T08:00:00Z", [], "2026-03-13T13:00:00Z"),
        ])
    func slotAcrossDST(_ after: String, _ holidays: [String], _ expected: String) throws {
        let slot = try #require(
            PairingMeetingSlot.first(
                zones: [berlin, newYork], workingHours: .standard, calendar: calendar(holidays: holidays),
                after: try utc(after)))
        #expect(slot.start == (try utc(expected)))
        for zone in [berlin, newYork] {
            #expect(PairingMeetingSlot.fits(slot.start, in: zone, .standard))
        }
    }

    @Test("working hours that never meet give no slot")
    func noOverlap() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let hours = try #require(PairingWorkingHours(parsing: "09:00-12:00"))
        #expect(
            PairingMeetingSlot.first(
                zones: [tokyo, newYork], workingHours: hours, calendar: calendar(),
                after: try utc("2026-03-02T00:00:00Z"))
                == nil)
    }

    @Test("the invitation is a REQUEST in UTC with a stable UID; attendees only when every address is known")
    func document() throws {
        let round = PairingRound(
            number: 3, program: "coffee", kind: .coffee, at: try utc("2026-03-27T08:00:00Z"), seed: 1,
            pool: [],
            groups: [PairingGroup(members: [MemberID(rawValue: "ana"), MemberID(rawValue: "ben")], weight: 1)],
            unplaced: [],
            followUpAt: try utc("2026-03-31T08:00:00Z"))
        let profile = CommunityProfile(id: "ds", name: "Data Science", timeZone: berlin)
        let slot = PairingMeetingSlot(start: try utc("2026-03-30T13:00:00Z"))
        let plain = PairingInvitation(profile: profile, round: round, group: 0, slot: slot, names: ["Ana", "Ben"])
        let lines = plain.document().components(separatedBy: "\r\n")
        for expected in [
            "METHOD:REQUEST", "UID:pairing-3-0@ds.convener", "DTSTART:20260330T130000Z", "DURATION:PT30M",
            "SUMMARY:Coffee: Ana & Ben",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(!lines.contains { $0.hasPrefix("ORGANIZER") || $0.hasPrefix("ATTENDEE") })
        var addressed = plain
        addressed.addresses = ["ana@example.org", "ben@example.org"]
        let withAddresses = addressed.document()
        #expect(withAddresses.contains("ORGANIZER;CN=\"Ana\":mailto:ana@example.org\r\n"))
        #expect(withAddresses.components(separatedBy: "\r\nATTENDEE;").count == 3)
    }

    @Test("a link verifies under its community's key only, and no edited part passes")
    func link() throws {
        let key = PairingInvitationLink.communityKey(calendarKey: "secret", community: "ds")
        let link = PairingInvitationLink(community: "ds", round: 12, group: 1)
        let token = link.token(key: key)
        #expect(link.path(key: key) == "/calendar/invite/\(token).ics")
        #expect(PairingInvitationLink(token: token) == link)
        #expect(link.verifies(token, key: key))
        #expect(!link.verifies(token, key: PairingInvitationLink.communityKey(calendarKey: "other", community: "ds")))
        let edited = token.replacingOccurrences(of: "ds.12.1.", with: "ds.12.0.")
        let parsed = try #require(PairingInvitationLink(token: edited))
        #expect(!parsed.verifies(edited, key: key))
        #expect(PairingInvitationLink(token: "ds.12.x.abc") == nil)
        #expect(PairingInvitationLink(token: "ds.012.1.abc") == nil)
    }
}
