import Foundation
import Testing

@testable import ConvenerCore

@Suite("Birthdays and anniversaries through the reducer")
struct CelebrationReducerTests {
    typealias Support = EngagementTestSupport

    @Test(
        "The birthday grammar takes MM-DD, an optional time zone, or clear",
        arguments: [
            ("me birthday 12-24", CopCommand.meBirthday(month: 12, day: 24, timeZone: nil)),
            ("me birthday 2-29", .meBirthday(month: 2, day: 29, timeZone: nil)),
            ("me birthday 03-07 --tz Europe/Berlin", .meBirthday(month: 3, day: 7, timeZone: "Europe/Berlin")),
            ("me birthday CLEAR", .meBirthdayClear),
        ])
    func parses(text: String, command: CopCommand) throws {
        #expect(try CommandParser.parse(text).get() == command)
    }

    @Test(
        "Broken birthdays name the problem and show the usage",
        arguments: [
            ("me birthday", "me birthday needs a month and day like 12-24, or the word clear."),
            (
                "me birthday 1990-12-24",
                "\"1990-12-24\" is not a month and day; write MM-DD, like 12-24 (no year needed)."
            ),
            ("me birthday 04-31", "There is no day 31 in month 4; write MM-DD, like 12-24."),
            ("me birthday 13-01", "There is no day 1 in month 13; write MM-DD, like 12-24."),
            ("me birthday clear --tz UTC", "me birthday clear takes no --tz."),
        ])
    func refuses(text: String, message: String) {
        guard case .failure(let error) = CommandParser.parse(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(error.message == message)
        #expect(error.usage == "/cop me birthday MM-DD [--tz Area/City]\n/cop me birthday clear")
    }

    @Test("Birthdays and anniversaries are greeted once, at the member's local morning")
    func greetings() throws {
        var harness = try EngagementHarness()
        harness.say("ada", at: Support.at(day: 0))
        harness.say("bob", at: Support.at(day: 10))
        let set = harness.command("ada", "me birthday 03-10 --tz America/New_York", at: Support.at(day: 20))
        #expect(
            set.replies.first?.text
                == "Noted: we'll celebrate you on March 10 at 09:00 (America/New_York time). Only the month and day "
                + "are kept, never the year; `/cop me birthday clear` removes it.")
        var posts: [(Date, String)] = []
        var hour = 20.0 * 24
        while hour < 24 * 380 {
            let now = Support.epoch.addingTimeInterval(hour * 3_600)
            posts += EngagementHarness.channel(harness.tick(at: now)).map { (now, $0.text) }
            hour += 0.25
        }
        // 09:00 in New York on 2026-03-10 is 13:00 UTC (daylight saving time has begun).
        let birthday = Support.instant(2026, 3, 10, 13, 0, zone: "UTC")
        // Ada joined at midnight UTC, still 2025-12-31 in her New York time zone.
        let anniversary = Support.instant(2026, 12, 31, 9, 0, zone: "America/New_York")
        let bobs = Support.instant(2027, 1, 11, 9, 0, zone: "UTC")
        #expect(
            posts.map(\.1) == [
                "🎂 Happy birthday, @Ada! Wishing you a wonderful day from everyone here.",
                "🎉 @Ada joined us a year ago today — thank you for everything you bring to this community!",
                "🎉 @Bob joined us a year ago today — thank you for everything you bring to this community!",
            ])
        #expect(posts.map(\.0) == [birthday, anniversary, bobs])
        #expect(
            harness.state.engagement.birthdays[Support.member("ada")] == (try CelebrationBirthday(month: 3, day: 10)))
    }

    @Test("Clearing a birthday stops the greeting")
    func clear() throws {
        var harness = try EngagementHarness()
        harness.say("ada", at: Support.at(day: 0))
        harness.tick(at: Support.at(day: 0.01))
        harness.command("ada", "me birthday 01-02", at: Support.at(day: 0.1))
        #expect(harness.state.engagement.plannedCelebrations.count == 1)
        let cleared = harness.command("ada", "me birthday clear", at: Support.at(day: 0.2))
        #expect(cleared.replies.first?.text == "Your birthday is removed; there will be no birthday greeting.")
        #expect(harness.state.engagement.plannedCelebrations.isEmpty)
        let posts = (1...8).flatMap { EngagementHarness.channel(harness.tick(at: Support.at(day: Double($0) / 4))) }
        #expect(posts.isEmpty)
    }
}
