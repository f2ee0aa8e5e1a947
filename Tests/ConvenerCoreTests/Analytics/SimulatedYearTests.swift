import Foundation
import Testing

@testable import ConvenerCore

@Suite("A simulated year of a 300-member community")
struct SimulatedYearTests {
    /// Plays the script through the reducer, ticking every day at 00:05, with a restart (state through JSON)
    /// half-way; returns the final state.
    static func play(_ year: SimulatedYear) throws -> (state: CommunityState, reducer: CommunityReducer) {
        let profile = CommunityProfile(
            id: "sim", name: "Simulated CoP", timeZone: year.timeZone, convenors: ["nobody"],
            inactiveAfterDays: SimulatedYear.inactiveAfterDays)
        let reducer = CommunityReducer(profile: profile)
        var state = CommunityState()
        var eventIndex = 0
        for (day, tick) in year.ticks.enumerated() {
            while eventIndex < year.events.count, year.events[eventIndex].at < tick {
                let event = year.events[eventIndex]
                var rules = state.ruleEngineState
                let outcome = reducer.reduce(state, year.input(event, number: eventIndex), rules: &rules, now: event.at)
                state.apply(outcome.facts)
                eventIndex += 1
            }
            var rules = state.ruleEngineState
            state.apply(reducer.reduceTick(state, rules: &rules, now: tick).facts)
            if day == 180 {
                // A restart: only what is persisted carries over, the running week's counts included.
                state = try JSONDecoder().decode(CommunityState.self, from: JSONEncoder().encode(state))
            }
        }
        return (state, reducer)
    }

    static let played: Result<(state: CommunityState, reducer: CommunityReducer), any Error> = Result {
        try play(SimulatedYear())
    }

    @Test("Every closed week equals a recount of the raw script, and a week closes exactly once")
    func weeksEqualTheRecount() throws {
        let year = SimulatedYear()
        let (state, _) = try Self.played.get()
        let weeks = state.analytics.weeks
        #expect(weeks.count == SimulatedYear.weeks)
        #expect(weeks.first?.label == "2026-01-05")
        #expect(weeks.last?.label == "2026-12-28")
        #expect(Set(weeks.map(\.start)).count == weeks.count)
        let recount = year.recount(weeks: weeks.map { DateInterval(start: $0.start, end: $0.end) })
        for (index, week) in weeks.enumerated() {
            let counted = SimulatedYear.Recount(
                members: week.members, joined: week.counts.joined, left: week.counts.left,
                activeMembers: week.activeMembers, messages: week.counts.messages, reactions: week.counts.reactions,
                commands: week.counts.commands, wentQuiet: week.counts.wentQuiet, returned: week.counts.returned,
                returnedWithin14Days: week.counts.returnedWithin14Days)
            #expect(counted == recount[index], "week \(week.label)")
            #expect(week.tiers.values.reduce(0, +) == week.members, "week \(week.label)")
        }
        #expect(weeks.last?.members == SimulatedYear.memberCount)
    }

    @Test("The script's shape shows: growth, a quiet summer, the campaign bringing members back")
    func shape() throws {
        let (state, _) = try Self.played.get()
        let weeks = state.analytics.weeks
        let spring = weeks[10...20].map(\.activeMembers).reduce(0, +) / 11
        let summer = weeks[SimulatedYear.summer].map(\.activeMembers).reduce(0, +) / SimulatedYear.summer.count
        let campaign = weeks[SimulatedYear.campaign].map(\.activeMembers).reduce(0, +) / SimulatedYear.campaign.count
        #expect(summer * 3 < spring)
        #expect(campaign > spring)
        #expect(weeks[SimulatedYear.summer].map(\.counts.wentQuiet).reduce(0, +) > 100)
        #expect(weeks[SimulatedYear.campaign].map(\.counts.returned).reduce(0, +) > 100)
        #expect(weeks[30].counts.left == 8)
        #expect(weeks.map(\.counts.movedInwards).reduce(0, +) > 0)
    }

    @Test("Every figure shown or exported holds the k-floor, and only figures below k are hidden")
    func kFloor() throws {
        let (state, reducer) = try Self.played.get()
        let k = reducer.settings.surveys.threshold
        let now = state.analytics.weeks.last?.end.addingTimeInterval(3600) ?? Date()
        let trends = CommunityTrends.recent(
            52, state: state, community: "Simulated CoP", k: k, weeks: reducer.analyticsWeeks, now: now)
        #expect(trends.weeks.count == 52)
        var hidden = 0
        for (week, aggregate) in zip(trends.weeks, trends.aggregates) {
            for column in TrendColumn.allCases where column.isAboutMembers {
                let raw = column.count(in: aggregate)
                switch week.figure(column) {
                case .value(let shown):
                    #expect(shown == raw && shown >= k, "\(column) in \(week.week)")
                case .belowK(let floor):
                    #expect(floor == k && raw < k, "\(column) in \(week.week)")
                    hidden += 1
                }
            }
        }
        #expect(hidden > 0)
        // The exports carry the same figures: no member figure below k in the CSV.
        let lines = trends.csv.split(separator: "\n").dropFirst()
        let memberColumns = TrendColumn.allCases.enumerated().filter { $0.element.isAboutMembers }.map { $0.offset + 3 }
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for index in memberColumns {
                let cell = String(cells[index])
                #expect(cell == "< \(k)" || (Int(cell) ?? 0) >= k, "CSV cell '\(cell)' in \(line)")
            }
        }
        let funnel = TrendFunnel(trends)
        for rate in funnel.rates {
            if rate.percent != nil {
                #expect((rate.part.number ?? 0) >= k && (rate.whole.number ?? 0) >= k)
            }
        }
    }
}
