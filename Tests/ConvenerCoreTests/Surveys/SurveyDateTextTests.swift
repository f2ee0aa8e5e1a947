import Foundation
import Testing

@testable import ConvenerCore

/// Dates in survey texts read as plain dates on the community's clock, with the zone as the config names it.
@Suite("Survey dates")
struct SurveyDateTextTests {
    @Test(
        "the announcement names the closing time once, in the configured zone",
        arguments: [
            ("UTC", "is open until 2026-11-25 11:06 (UTC): look"),
            ("Europe/Berlin", "is open until 2026-11-25 12:06 (Europe/Berlin): look"),
        ])
    func announcement(_ row: (zone: String, expected: String)) throws {
        var harness = SurveyHarness(timeZone: row.zone)
        for name in ["convenor", "alice", "bob"] { harness.send(name, .message("hi")) }
        let outcome = harness.command("convenor", "survey start community-health --k 3")
        #expect(outcome.replyText.contains("It closes 2026-11-25"))
        let announcement = try #require(harness.channelMessages.first { $0.text.contains("Survey S1") })
        #expect(announcement.text.contains(row.expected))
        #expect(!announcement.text.contains("until on"))
        #expect(!announcement.text.contains("GMT"))
    }
}

/// The one way dates and times are written for people.
@Suite("Community clock text")
struct CommunityClockTextTests {
    @Test("a community on UTC is shown as UTC, not GMT")
    func utcStaysUTC() throws {
        let profile = CommunityProfile(id: "c", name: "C", timeZone: try #require(TimeZone(identifier: "UTC")))
        #expect(profile.timeZoneName == "UTC")
        #expect(profile.clockText.dateTime(Date(timeIntervalSince1970: 0)) == "1970-01-01 00:00 (UTC)")
    }

    @Test("the configured spelling wins, and the local day follows the zone")
    func configuredName() throws {
        let zone = try #require(TimeZone(identifier: "Pacific/Auckland"))
        let profile = CommunityProfile(id: "c", name: "C", timeZone: zone, timeZoneName: "Pacific/Auckland")
        let instant = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(profile.clockText.day(instant) == "2026-11-19")
        #expect(profile.clockText.dateTime(instant) == "2026-11-19 00:06 (Pacific/Auckland)")
    }
}
