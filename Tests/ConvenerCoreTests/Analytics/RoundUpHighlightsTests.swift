import Foundation
import Testing

@testable import ConvenerCore

@Suite("Highlights from the round-ups")
struct RoundUpHighlightsTests {
    typealias Support = EngagementTestSupport
    static let members = ["ada", "bob", "cy", "dee", "eve", "fay", "gus"]

    @Test(
        "Kudos themes are the words of their reasons without mentions, stop-words, numbers or members' names",
        arguments: [
            ("for the clear review of #docs", ["clear", "review", "#docs"]),
            ("thanks <@U0BOB|bob> and @dee: the onboarding guide!", ["onboarding", "guide"]),
            ("<at>Dee Lee</at> fixed the CI in 10 minutes", ["fixed", "minutes"]),
            ("Bob's patience with Bob", ["patience"]),
            ("Thank you SO much, really", []),
        ])
    func themes(reason: String, expected: [String]) {
        let names: Set<String> = ["bob", "dee", "lee", "u0bob"]
        #expect(KudosThemes.themes(in: reason, names: names) == Set(expected))
    }

    @Test("Mentions are stripped from poll questions and answers")
    func mentionsStripped() {
        #expect(
            KudosThemes.withoutMentions("Should <@U1|ada> and @bob lead  the <at>Cy</at> demo?")
                == "Should and lead the demo?")
    }

    /// A week in which seven members thank each other, vote in two polls and answer nothing else; closed by a tick
    /// in the next week.
    static func livedWeek() throws -> EngagementHarness {
        var harness = try EngagementHarness()
        let day = Support.at(day: 4)  // Monday 2026-01-05
        for name in members { harness.say(name, at: day) }
        // "review" in five kudos by five givers, "onboarding" in four: only the first reaches k = 5. The reasons
        // name Bob, the receiver, in five kudos, and Gus, a third member, in four: neither may become a theme.
        for (number, giver) in members.filter({ $0 != "bob" }).prefix(5).enumerated() {
            let reason = number < 4 ? "Bob's careful review and onboarding help, with Gus" : "the careful review, Bob"
            harness.command(giver, "kudos @bob for \(reason)", at: day.addingTimeInterval(3600))
        }
        harness.command("bob", "kudos @ada for pairing on #testing", at: day.addingTimeInterval(3600))
        harness.command(
            "ada", "poll \"Which day suits <@U9|gus> best?\" \"Tuesday\" \"Thursday\"", at: day.addingTimeInterval(7200)
        )
        harness.command("ada", "poll \"Snacks?\" \"Fruit\" \"Cake\"", at: day.addingTimeInterval(7200))
        for (number, name) in members.enumerated() {
            harness.send(
                name, .action(messageID: "poll.P1", actionID: number < 5 ? "poll.P1.vote.2" : "poll.P1.vote.1"),
                at: day.addingTimeInterval(10_800))
        }
        for name in members.prefix(2) {
            harness.send(
                name, .action(messageID: "poll.P2", actionID: "poll.P2.vote.2"), at: day.addingTimeInterval(10_800))
        }
        harness.command("ada", "poll close P1", at: day.addingTimeInterval(14_400))
        harness.command("ada", "poll close P2", at: day.addingTimeInterval(14_400))
        harness.tick(at: Support.at(day: 11.1))
        return harness
    }

    @Test("The closed week keeps the round-up's polls and kudos themes, and no member id or kudos text")
    func weekKeepsSummaries() throws {
        let harness = try Self.livedWeek()
        let week = try #require(harness.state.analytics.weeks.last)
        #expect(week.label == "2026-01-05")
        let record = week.counts.roundUp
        #expect(record.polls.count == 2)
        #expect(
            record.polls.first
                == RoundUpRecord.ClosedPoll(question: "Which day suits best?", winners: ["Thursday"], voters: 7))
        #expect(record.kudosThemes["review"] == 5)
        #expect(record.kudosThemes["careful"] == 5)
        #expect(record.kudosThemes["onboarding"] == 4)
        #expect(record.kudosThemes["#testing"] == 1)
        #expect(record.kudosThemes["bob"] == nil && record.kudosThemes["bob's"] == nil)
        #expect(record.kudosThemes["gus"] == nil)
        let history = String(decoding: try JSONEncoder().encode(harness.state.analytics), as: UTF8.self)
        for secret in ["playground:", "Bob", "bob", "careful review and", "U9", "gus"] {
            #expect(!history.contains(secret), "the history holds '\(secret)'")
        }
    }

    @Test("A third member's name in kudos reasons is never shown, not even for the running week")
    func runningWeekHidesNames() throws {
        var harness = try EngagementHarness()
        let day = Support.at(day: 4)
        for name in Self.members { harness.say(name, at: day) }
        for giver in Self.members where giver != "bob" && giver != "gus" {
            harness.command(giver, "kudos @bob for the demo with Gus", at: day.addingTimeInterval(3600))
        }
        #expect(harness.state.analytics.running.roundUp.kudosThemes == ["demo": 5, "gus": 5])
        let trends = CommunityTrends.recent(
            1, state: harness.state, community: "Test Community", k: 5, weeks: harness.reducer.analyticsWeeks,
            now: day.addingTimeInterval(7200))
        #expect(RoundUpHighlights(trends).kudosThemes.map(\.theme) == ["demo"])
        // A member who asks to be forgotten leaves no word of their name behind in the week's counts.
        harness.command("gus", "me forget confirm", at: day.addingTimeInterval(9000))
        #expect(harness.state.analytics.running.roundUp.kudosThemes == ["demo": 5])
    }

    @Test("The report's highlights hold the k-floor: small polls and rare themes are left out, counts below k hidden")
    func highlightsHoldTheKFloor() throws {
        let harness = try Self.livedWeek()
        let reducer = harness.reducer
        let trends = CommunityTrends.recent(
            4, state: harness.state, community: "Test Community", k: 5, weeks: reducer.analyticsWeeks,
            now: Support.at(day: 11.2))
        let highlights = RoundUpHighlights(trends)
        #expect(highlights.pollsClosed == 2)
        #expect(highlights.polls.map(\.question) == ["Which day suits best?"])
        #expect(highlights.polls.first?.voters == .value(7))
        #expect(highlights.kudosThemes.map(\.theme) == ["careful", "review"])
        #expect(
            highlights.lines == [
                "Poll “Which day suits best?” (week of 2026-01-05): “Thursday” won, 7 voters.",
                "What members thanked each other for most: careful (5 kudos), review (5 kudos).",
            ])
        let document = String(decoding: try TrendsDocument(trends).json(), as: UTF8.self)
        #expect(document.contains("\"roundUps\""))
        for secret in ["Bob", "bob", "onboarding", "Snacks", "playground:"] {
            #expect(!document.contains(secret), "the trends document holds '\(secret)'")
        }
        // With k = 4 the themes used by four kudos show too.
        let looser = CommunityTrends(community: "Test Community", k: 4, aggregates: trends.aggregates)
        #expect(RoundUpHighlights(looser).kudosThemes.map(\.theme) == ["careful", "review", "help", "onboarding"])
    }

    @Test("Surveys are noted with their responses, floored at k; a week keeps its most used themes only")
    func surveysAndThemeLimit() {
        var record = RoundUpRecord()
        record.surveyClosed(title: "Pulse", responses: 12, threshold: 5)
        record.surveyClosed(title: "Tiny", responses: 3, threshold: 3)
        record.surveyClosed(title: "Too few", responses: 2, threshold: 3)
        #expect(record.surveys.map(\.title) == ["Pulse", "Tiny"])
        for number in 0..<(RoundUpRecord.themeLimit + 10) {
            record.kudosGiven(reason: "topic\(number) shared", names: [])
        }
        let kept = record.keptForHistory
        #expect(kept.kudosThemes.count == RoundUpRecord.themeLimit)
        #expect(kept.kudosThemes["shared"] == RoundUpRecord.themeLimit + 10)
        let week = WeeklyAggregate(
            start: Support.epoch, end: Support.at(day: 7), label: "2026-01-01", members: 20, tiers: [:],
            activeMembers: 20,
            counts: {
                var counts = WeekCounts(); counts.roundUp = kept; return counts
            }())
        let highlights = RoundUpHighlights(CommunityTrends(community: "c", k: 5, aggregates: [week]))
        #expect(highlights.surveys.map(\.responses) == [.value(12), .belowK(5)])
        #expect(highlights.lines.contains("Survey “Tiny” (week of 2026-01-01): < 5 responses."))
        #expect(highlights.kudosThemes.map(\.theme) == ["shared"])
    }

    @Test("A simulated half-year of kudos: every week's themes equal a recount of the script, names never count")
    func simulatedSeason() throws {
        var harness = try EngagementHarness()
        let names = ["ada", "bea", "cyd", "dov", "eli", "fox", "gil", "hal", "ivy", "jon", "kim", "lou"]
        // The first three themes come up about twice as often as the next two; the last one never does.
        let themes = ["review", "mentoring", "#docs", "testing", "onboarding", "design"]
        var random = MatchingSplitMix64(seed: 20)
        let monday = Support.at(day: 4)
        for name in names { harness.say(name, at: monday) }
        let weekCount = 26
        var recount = [[String: Int]](repeating: [:], count: weekCount)
        for week in 0..<weekCount {
            for day in 0..<7 {
                for number in 0..<Int(random.next() % 3) {
                    let giver = names[Int(random.next() % 12)]
                    let receiver = names[Int(random.next() % 12)]
                    let first = themes[Int(random.next() % 5)]
                    let second = themes[Int(random.next() % 3)]
                    guard giver != receiver else { continue }
                    let at = monday.addingTimeInterval(Double((week * 7 + day) * 86_400 + (number + 1) * 3_600))
                    harness.command(
                        giver, "kudos @\(receiver) for the \(first) and \(second), \(receiver.capitalized)!", at: at)
                    for theme in Set([first, second]) { recount[week][theme, default: 0] += 1 }
                }
            }
        }
        harness.tick(at: monday.addingTimeInterval(Double(weekCount * 7 * 86_400 + 3_600)))
        let weeks = harness.state.analytics.weeks
        #expect(weeks.count == weekCount)
        for (index, week) in weeks.enumerated() {
            #expect(week.counts.roundUp.kudosThemes == recount[index], "week \(week.label)")
        }
        let trends = CommunityTrends(community: "Test Community", k: 5, aggregates: weeks)
        var totals: [String: Int] = [:]
        for week in recount { for (theme, count) in week { totals[theme, default: 0] += count } }
        let expected = totals.filter { $0.value >= 5 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
        let highlights = RoundUpHighlights(trends)
        #expect(highlights.kudosThemes.map(\.theme) == expected.map(\.key))
        #expect(highlights.kudosThemes.map(\.kudos) == expected.map(\.value))
        #expect(!highlights.kudosThemes.contains { $0.theme == "design" })
        let document = String(decoding: try TrendsDocument(trends).json(), as: UTF8.self)
        for name in names { #expect(!document.lowercased().contains("\"\(name)")) }
    }
}
