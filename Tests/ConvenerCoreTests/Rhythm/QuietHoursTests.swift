import ConvenerCore
import Foundation
import Testing

@Suite("Quiet hours and vacations")
struct QuietHoursTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    static func hours(_ text: String) -> QuietHours? { QuietHours(parsing: text) }

    @Test(
        "a DM in quiet hours waits for the next allowed minute",
        arguments: [
            // Evening, wrapping midnight: to 08:00 next morning.
            ("21:00-08:00", "2026-06-10T22:15:00+02:00", "2026-06-11T08:00:00+02:00"),
            // After midnight: to 08:00 the same morning.
            ("21:00-08:00", "2026-06-11T03:00:00+02:00", "2026-06-11T08:00:00+02:00"),
            // Starts exactly at 21:00: quiet. Ends exactly at 08:00: allowed.
            ("21:00-08:00", "2026-06-10T21:00:00+02:00", "2026-06-11T08:00:00+02:00"),
            ("21:00-08:00", "2026-06-11T08:00:00+02:00", "2026-06-11T08:00:00+02:00"),
            ("21:00-08:00", "2026-06-11T12:00:00+02:00", "2026-06-11T12:00:00+02:00"),
            ("21:00-08:00", "2026-06-10T20:59:59+02:00", "2026-06-10T20:59:59+02:00"),
            // A window inside one day.
            ("12:00-13:30", "2026-06-11T12:45:00+02:00", "2026-06-11T13:30:00+02:00"),
            // Spring forward: the night is an hour shorter in real time; the morning is 08:00 CEST.
            ("21:00-08:00", "2026-03-28T23:00:00+01:00", "2026-03-29T08:00:00+02:00"),
            // The window's end falls in the gap (02:30 does not exist): allowed right after the jump.
            ("22:00-02:30", "2026-03-29T01:15:00+01:00", "2026-03-29T03:00:00+02:00"),
            // Fall back: 08:00 CET.
            ("21:00-08:00", "2026-10-24T23:00:00+02:00", "2026-10-25T08:00:00+01:00"),
            // The end is a repeated time: the first 02:30 after the message.
            ("22:00-02:30", "2026-10-25T01:00:00+02:00", "2026-10-25T02:30:00+02:00"),
            // In the second pass of the repeated hour, still before 02:30 on the clock: the second 02:30.
            ("22:00-02:30", "2026-10-25T02:10:00+01:00", "2026-10-25T02:30:00+01:00"),
        ])
    func nextAllowed(_ window: String, _ at: String, _ expected: String) throws {
        let quiet = try #require(Self.hours(window))
        #expect(quiet.nextAllowed(atOrAfter: rhythmDate(at), in: Self.berlin) == rhythmDate(expected))
        #expect(!quiet.contains(quiet.nextAllowed(atOrAfter: rhythmDate(at), in: Self.berlin), in: Self.berlin))
    }

    @Test("quiet hours are read on the member's clock, not the community's")
    func memberZone() throws {
        let quiet = try #require(Self.hours("21:00-08:00"))
        let instant = rhythmDate("2026-06-11T04:00:00Z")  // 06:00 in Berlin, 00:00 in New York
        #expect(quiet.contains(instant, in: Self.berlin))
        #expect(quiet.nextAllowed(atOrAfter: instant, in: Self.newYork) == rhythmDate("2026-06-11T08:00:00-04:00"))
    }

    @Test("every minute of a DST day gets an allowed time that is not earlier and outside the window")
    func sweep() throws {
        let quiet = try #require(Self.hours("21:30-07:15"))
        for zone in [Self.berlin, Self.newYork, TimeZone(identifier: "Australia/Lord_Howe") ?? .gmt] {
            var instant = rhythmDate("2026-03-28T00:00:00Z")
            while instant < rhythmDate("2026-03-30T12:00:00Z") {
                let allowed = quiet.nextAllowed(atOrAfter: instant, in: zone)
                #expect(allowed >= instant)
                #expect(!quiet.contains(allowed, in: zone))
                #expect(allowed.timeIntervalSince(instant) <= 10 * 3_600)
                instant = instant.addingTimeInterval(7 * 60)
            }
        }
    }

    @Test("parsing", arguments: ["21:00-08:00", "21:00 - 08:00", "9:05..17:00"])
    func parses(_ text: String) {
        #expect(Self.hours(text) != nil)
    }

    @Test("parsing refuses", arguments: ["24:00-08:00", "21:00", "21-08", "21:0-08:00", "aa:bb-cc:dd"])
    func refuses(_ text: String) {
        #expect(Self.hours(text) == nil)
    }

    @Test("equal start and end means no quiet hours")
    func emptyWindow() throws {
        let quiet = try #require(Self.hours("08:00-08:00"))
        let instant = rhythmDate("2026-06-11T06:00:00Z")
        #expect(quiet.nextAllowed(atOrAfter: instant, in: Self.berlin) == instant)
    }

    @Test("away members are paused until they are back")
    func vacations() throws {
        let alice = MemberID(platform: "playground", user: "alice")
        let bob = MemberID(platform: "playground", user: "bob")
        let now = rhythmDate("2026-06-01T09:00:00Z")
        var vacations = MemberVacations()
        vacations.setAway(alice, for: 14 * 86_400, now: now)
        for pause in MemberVacations.Pause.allCases {
            #expect(vacations.pauses(pause, for: alice, at: now))
            #expect(!vacations.pauses(pause, for: bob, at: now))
        }
        #expect(vacations.available([alice, bob], at: now) == [bob])
        let back = rhythmDate("2026-06-15T09:00:00Z")
        #expect(vacations.isAway(alice, at: back.addingTimeInterval(-1)))
        #expect(!vacations.isAway(alice, at: back))
        let decoded = try JSONDecoder().decode(MemberVacations.self, from: JSONEncoder().encode(vacations))
        #expect(decoded == vacations)
        vacations.prune(at: back)
        #expect(vacations.awayUntil.isEmpty)
        vacations.setAway(bob, until: back)
        let wasAway = vacations.setBack(bob)
        let wasAwayAgain = vacations.setBack(bob)
        #expect(wasAway && !wasAwayAgain)
        #expect(vacations.available([alice, bob], at: now) == [alice, bob])
    }
}
