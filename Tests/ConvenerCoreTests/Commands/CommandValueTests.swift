import Foundation
import Testing

@testable import ConvenerCore

@Suite("Command values: durations, date-times, deadlines, mentions")
struct CommandValueTests {
    @Test(
        "durations parse to seconds",
        arguments: [
            ("30m", 1_800), ("2h", 7_200), ("3d", 259_200), ("2w", 1_209_600), ("1d12h", 129_600),
            ("1w2d3h4m", 788_640), ("90m", 5_400), ("2H", 7_200), ("0d1h", 3_600), ("104w", 62_899_200),
        ])
    func durations(text: String, seconds: Int) {
        #expect(CommandDuration.parse(text)?.seconds == seconds)
    }

    @Test(
        "non-durations are rejected",
        arguments: [
            "", "0m", "0w0d", "m", "2", "2x", "1.5h", "-1d", "+1d", "2 h", "1h1d", "1d1d", "105w", "2s", "1e3m",
        ])
    func notDurations(text: String) {
        #expect(CommandDuration.parse(text) == nil)
    }

    @Test(
        "durations read well in words and compactly",
        arguments: [
            (60, "1 minute", "1m"), (1_800, "30 minutes", "30m"), (3_600, "1 hour", "1h"),
            (129_600, "1 day and 12 hours", "1d12h"), (1_209_600, "2 weeks", "2w"),
            (788_640, "1 week, 2 days, 3 hours and 4 minutes", "1w2d3h4m"), (90, "1 minute and 30 seconds", "1m30s"),
        ])
    func durationWords(seconds: Int, words: String, compact: String) throws {
        let duration = try #require(CommandDuration(seconds: seconds))
        #expect(duration.description == words)
        #expect(duration.compact == compact)
    }

    @Test("durations must be positive and at most the maximum")
    func durationBounds() {
        #expect(CommandDuration(seconds: 0) == nil)
        #expect(CommandDuration(seconds: -5) == nil)
        #expect(CommandDuration(seconds: CommandDuration.maximum.seconds + 1) == nil)
        #expect(CommandDuration(seconds: CommandDuration.maximum.seconds) == CommandDuration.maximum)
        #expect(CommandDuration.maximum.description == "104 weeks")
        #expect((CommandDuration(seconds: 60) ?? .maximum) < (CommandDuration(seconds: 61) ?? .maximum))
    }

    @Test(
        "date-times parse with optional seconds and offset",
        arguments: [
            ("2026-12-01T17:00", "2026-12-01T17:00:00", nil),
            ("2026-12-01T17:00:30", "2026-12-01T17:00:30", nil),
            ("2026-12-01t17:00z", "2026-12-01T17:00:00Z", 0),
            ("2026-12-01T17:00:00+02:00", "2026-12-01T17:00:00+02:00", 7_200),
            ("2026-12-01T17:00-05:30", "2026-12-01T17:00:00-05:30", -19_800),
            ("2028-02-29T00:00", "2028-02-29T00:00:00", nil),
            ("2000-02-29T23:59:59", "2000-02-29T23:59:59", nil),
        ] as [(String, String, Int?)])
    func dateTimes(text: String, normalised: String, offset: Int?) throws {
        let value = try #require(CommandDateTime.parse(text))
        #expect(value.description == normalised)
        #expect(value.utcOffsetSeconds == offset)
        #expect(value.hasExplicitOffset == (offset != nil))
    }

    @Test(
        "impossible or malformed date-times are rejected",
        arguments: [
            "2026-12-01", "2026-12-01T", "2026-12-01T7:00", "2026-12-1T17:00", "2026-02-29T10:00",
            "1900-02-29T10:00", "2026-04-31T10:00", "2026-00-10T10:00", "2026-12-01T24:00", "2026-12-01T23:60",
            "2026-12-01T23:59:60", "2026-12-01T10:00+15:00", "2026-12-01T10:00+02", "2026-12-01T10:00 ",
            "26-12-01T10:00", "1969-12-31T23:59", "2026/12/01T10:00",
        ])
    func notDateTimes(text: String) {
        #expect(CommandDateTime.parse(text) == nil)
    }

    @Test("a local date-time resolves in the community's zone; an explicit offset wins")
    func dateResolution() throws {
        let local = try #require(CommandDateTime.parse("2026-12-01T17:00"))
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        // 2026-12-01T16:00:00Z
        let expectedBerlin = Date(timeIntervalSince1970: 1_796_140_800)
        #expect(local.date(localTimeZone: berlin) == expectedBerlin)
        #expect(local.date(localTimeZone: tokyo) == expectedBerlin.addingTimeInterval(-8 * 3_600))
        let zulu = try #require(CommandDateTime.parse("2026-12-01T16:00Z"))
        #expect(zulu.date(localTimeZone: tokyo) == expectedBerlin)
        let summer = try #require(CommandDateTime.parse("2026-07-01T12:00"))
        #expect(summer.date(localTimeZone: berlin) == Date(timeIntervalSince1970: 1_782_900_000))
    }

    @Test("deadlines: durations count from now, date-times use the zone")
    func deadlines() throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(CommandDeadline.parse("2h")?.date(now: now, timeZone: utc) == now.addingTimeInterval(7_200))
        #expect(
            CommandDeadline.parse("2026-12-01T16:00")?.date(now: now, timeZone: utc)
                == Date(timeIntervalSince1970: 1_796_140_800))
        #expect(CommandDeadline.parse("3d")?.description == "in 3 days")
        #expect(CommandDeadline.parse("2026-12-01T16:00Z")?.description == "at 2026-12-01T16:00:00Z")
        #expect(CommandDeadline.parse("tomorrow") == nil)
        #expect(CommandDeadline.parse("2026-12-01") == nil)
    }

    @Test(
        "mentions keep the raw id and optional display name",
        arguments: [
            ("@alice", MemberMention(id: "alice", kind: .username)),
            ("@user.name", MemberMention(id: "user.name", kind: .username)),
            ("@first_last-2", MemberMention(id: "first_last-2", kind: .username)),
            ("@José", MemberMention(id: "José", kind: .username)),
            ("@alice:", MemberMention(id: "alice", kind: .username)),
            ("@alice,", MemberMention(id: "alice", kind: .username)),
            ("<@U123ABC>", MemberMention(id: "U123ABC", kind: .userID)),
            ("<@W0123|alice>", MemberMention(id: "W0123", displayName: "alice", kind: .userID)),
            ("<@U1|>", MemberMention(id: "U1", kind: .userID)),
            ("<@123456789012345678>", MemberMention(id: "123456789012345678", kind: .userID)),
            ("<@!42>", MemberMention(id: "42", kind: .userID)),
        ])
    func mentions(text: String, expected: MemberMention) {
        #expect(MemberMention.parse(text) == expected)
    }

    @Test(
        "non-mentions are rejected",
        arguments: [
            "alice", "@", "@@alice", "@al ice", "@here", "@channel", "@everyone", "@all", "<@>", "<@U1", "<!here>",
            "<@&123>", "<#C123>", "<@U-1>", "<alice>", "@alice!", "",
        ])
    func notMentions(text: String) {
        #expect(MemberMention.parse(text) == nil)
    }
}
