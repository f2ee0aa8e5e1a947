import Foundation
import Testing

@testable import ConvenerCore

@Suite("The weekly history")
struct WeeklyHistoryTests {
    let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    var weeks: AnalyticsWeek { AnalyticsWeek(timeZone: berlin) }
    /// Monday 2026-03-02 00:00 in Berlin (23:00 UTC the day before).
    var monday: Date { weeks.week(containing: Date(timeIntervalSince1970: 1_772_500_000)).start }
    let ada = MemberID(platform: "playground", user: "ada")
    let bob = MemberID(platform: "playground", user: "bob")

    var reducer: CommunityReducer {
        CommunityReducer(profile: CommunityProfile(id: "c", name: "Craft", timeZone: berlin, convenors: ["x"]))
    }

    func say(_ member: MemberID, at instant: Date, in state: inout CommunityState, _ event: InputEvent = .message("hi"))
    {
        var rules = state.ruleEngineState
        let input = Input(
            id: "in.\(instant.timeIntervalSince1970)", member: member, displayName: member.user, event: event)
        state.apply(reducer.reduce(state, input, rules: &rules, now: instant).facts)
    }

    func tick(at instant: Date, in state: inout CommunityState) -> [Fact] {
        var rules = state.ruleEngineState
        let facts = reducer.reduceTick(state, rules: &rules, now: instant).facts
        state.apply(facts)
        return facts
    }

    @Test("Weeks run Monday to Monday at local midnight, also across a daylight-saving change")
    func weekBoundaries() {
        #expect(weeks.label(of: weeks.week(containing: monday)) == "2026-03-02")
        #expect(monday.timeIntervalSince1970 == 1_772_406_000)
        // The week of 2026-03-29 (clocks go forward that Sunday) is an hour short.
        let spring = weeks.week(containing: monday.addingTimeInterval(24 * 86_400))
        #expect(weeks.label(of: spring) == "2026-03-23")
        #expect(spring.duration == 7 * 86_400 - 3600)
        #expect(weeks.label(of: weeks.week(after: spring)) == "2026-03-30")
    }

    @Test("A week closes once, at the first tick or input after its end; what follows counts in the new week")
    func closesExactlyOnce() {
        var state = CommunityState()
        say(ada, at: monday.addingTimeInterval(3600), in: &state)
        say(bob, at: monday.addingTimeInterval(7200), in: &state)
        say(ada, at: monday.addingTimeInterval(86_400), in: &state, .reaction(emoji: "tada"))
        #expect(tick(at: monday.addingTimeInterval(6 * 86_400), in: &state).allSatisfy { !Self.isClose($0) })
        #expect(state.analytics.weeks.isEmpty)
        // Bob speaks one minute into the next week: the close comes first, his message counts in the new week.
        say(bob, at: monday.addingTimeInterval(7 * 86_400 + 60), in: &state)
        #expect(state.analytics.weeks.count == 1)
        let week = state.analytics.weeks[0]
        #expect(week.label == "2026-03-02")
        #expect(week.members == 2)
        #expect(week.counts.joined == 2)
        #expect(week.counts.messages == 2)
        #expect(week.counts.reactions == 1)
        #expect(week.activeMembers == 2)
        #expect(week.tiers.values.reduce(0, +) == 2)
        #expect(state.analytics.running.messages == 1)
        // Ticks in the new week close nothing more.
        for hour in [1.0, 2, 50] {
            #expect(
                tick(at: monday.addingTimeInterval(7 * 86_400 + hour * 3600), in: &state).allSatisfy {
                    !Self.isClose($0)
                })
        }
        // A close replayed from the journal changes nothing.
        state.apply(.analytics(.weekClosed(week)))
        #expect(state.analytics.weeks.count == 1)
        #expect(state.analytics.running.messages == 1)
    }

    @Test("Weeks the daemon slept through close empty, in order, in one record")
    func catchUp() {
        var state = CommunityState()
        say(ada, at: monday.addingTimeInterval(3600), in: &state)
        let facts = tick(at: monday.addingTimeInterval(3 * 7 * 86_400 + 60), in: &state)
        #expect(facts.prefix(3).allSatisfy(Self.isClose))
        #expect(state.analytics.weeks.map(\.label) == ["2026-03-02", "2026-03-09", "2026-03-16"])
        #expect(state.analytics.weeks.map(\.counts.messages) == [1, 0, 0])
        #expect(state.analytics.weeks.map(\.activeMembers) == [1, 0, 0])
        #expect(state.analytics.weeks.map(\.members) == [1, 1, 1])
    }

    @Test("The history keeps the newest 160 weeks")
    func retention() {
        var history = CommunityAnalytics()
        var week = weeks.week(containing: monday)
        for _ in 0..<200 {
            history.apply(
                .weekClosed(
                    WeeklyAggregate(
                        week: week, label: weeks.label(of: week), state: CommunityState(), counts: WeekCounts(),
                        isRunning: false)))
            week = weeks.week(after: week)
        }
        #expect(history.weeks.count == CommunityAnalytics.retainedWeeks)
        #expect(
            history.weeks.first?.label
                == weeks.label(of: weeks.week(containing: monday.addingTimeInterval(40 * 7 * 86_400))))
    }

    @Test("Leaving, going quiet, returning within 14 days, tier moves, polls, surveys and pairing are counted")
    func counts() {
        var state = CommunityState()
        let start = monday.addingTimeInterval(3600)
        state.apply(.memberJoined(member: ada, displayName: "ada", at: start))
        state.apply(.memberJoined(member: bob, displayName: "bob", at: start))
        state.apply(.memberInactiveRaised(member: ada, at: start))
        state.apply(.memberInactiveRaised(member: ada, at: start))
        state.apply(.activityRecorded(member: ada, kind: .message, at: start.addingTimeInterval(86_400)))
        state.apply(.memberReturned(member: ada))
        state.apply(.analytics(.memberLeft))
        state.apply(
            .engagement(
                .tiersEvaluated(
                    day: "2026-03-03", at: start,
                    changes: [
                        EngagementTierChange(member: ada, from: .peripheral, to: .occasional),
                        EngagementTierChange(member: bob, from: .active, to: .occasional),
                    ])))
        let round = PairingRound(
            number: 1, program: "coffee", kind: .coffee, at: start, seed: 1, pool: [],
            groups: [PairingGroup(members: [ada, bob], weight: 1)], unplaced: [], followUpAt: start)
        state.apply(.pairing(.roundRecorded(round)))
        state.apply(.pairing(.roundRecorded(round)))
        state.apply(.pairing(.meetingAnswered(round: 1, member: ada, met: true)))
        state.apply(.pairing(.meetingAnswered(round: 1, member: bob, met: true)))
        let counts = state.analytics.running
        #expect(counts.joined == 2)
        #expect(counts.wentQuiet == 1)
        #expect(counts.returned == 1)
        #expect(counts.returnedWithin14Days == 1)
        #expect(counts.left == 1)
        #expect(counts.messages == 1)
        #expect(counts.tierMoves == ["peripheral>occasional": 1, "active>occasional": 1])
        #expect(counts.movedInwards == 1)
        #expect(counts.movedOutwards == 1)
        #expect(counts.pairingIntros == 1)
        #expect(counts.meetingsConfirmed == 1)
    }

    @Test("The running week is computed on demand and is not kept")
    func runningWeek() {
        var state = CommunityState()
        say(ada, at: monday.addingTimeInterval(3600), in: &state)
        let running = state.analytics.runningWeek(state: state, weeks: weeks, now: monday.addingTimeInterval(7200))
        #expect(running.isRunning)
        #expect(running.counts.messages == 1)
        #expect(running.activeMembers == 1)
        #expect(state.analytics.weeks.isEmpty)
        // Asked after the week ended but before any tick closed it, the new week shows nothing yet.
        let later = state.analytics.runningWeek(state: state, weeks: weeks, now: monday.addingTimeInterval(8 * 86_400))
        #expect(later.counts.messages == 0)
    }

    @Test(
        "A count below k shows as '< k', in text and in JSON",
        arguments: [(0, "< 5"), (4, "< 5"), (5, "5"), (120, "120")])
    func floor(count: Int, text: String) throws {
        let shown = ShownCount(count, k: 5)
        #expect(shown.text == text)
        let json = String(decoding: try JSONEncoder().encode([shown]), as: UTF8.self)
        #expect(json == (count < 5 ? "[\"< 5\"]" : "[\(count)]"))
    }

    @Test("Charts scale to a nice maximum and draw figures below k inside the shaded band")
    func chart() {
        #expect(TrendChart.niceMaximum(0) == 1)
        #expect(TrendChart.niceMaximum(7) == 10)
        #expect(TrendChart.niceMaximum(140) == 200)
        let chart = TrendChart(
            series: [("Messages", [.value(100), .belowK(5), .value(40)])], labels: ["a", "b", "c"], k: 5)
        #expect(chart.maximum == 100)
        let points = chart.lines[0].markers
        #expect(points.map(\.x) == [chart.left, (chart.left + chart.right) / 2, chart.right])
        #expect(points[0].y == chart.top)
        #expect(points[1].y < chart.bottom && points[1].y > chart.floorTop)
        #expect(chart.lines[0].area.hasPrefix("M44.0,192.0 L44.0,12.0"))
        #expect(chart.valueTicks.map(\.label) == ["0", "50", "100"])
        #expect(chart.weekTicks.map(\.label) == ["a", "b", "c"])
    }

    static func isClose(_ fact: Fact) -> Bool {
        if case .analytics(.weekClosed) = fact { return true }
        return false
    }
}
