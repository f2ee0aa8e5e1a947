import Foundation
import Testing

@testable import ConvenerCore

/// A scripted year of weekly prompts on Slack in a 200-member community: four themes take turns, and members
/// answer each theme with its own chance (show-and-tell most, celebrating-wins least), replying in the prompt's
/// thread once or twice and reacting, at any time in the nine days after the prompt (so some answers come after
/// the seven-day window and some in the next week). `recount` counts the script again by hand.
struct SimulatedPromptYear {
    enum Kind: Equatable {
        case reply
        case reaction
    }

    struct Answer {
        let at: Date
        let member: Int
        let prompt: Int
        let kind: Kind
    }

    /// The themes in the order members favour them, with each one's chance (percent) that a member answers.
    static let themes: [(id: String, chance: UInt64)] = [
        ("show-and-tell", 40), ("problem-solving", 25), ("reflection", 12), ("celebrating-wins", 4),
    ]
    static let weeks = 52
    static let memberCount = 200
    static let windowDays = 7
    static let library = PromptLibrary(
        themes: themes.map { theme in
            PromptTheme(
                id: theme.id, title: theme.id, description: "",
                prompts: (1...5).map {
                    DiscussionPrompt(id: "\(theme.id)-0\($0)", theme: theme.id, text: "Prompt \($0)")
                })
        })
    let timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    let start: Date
    /// Each week's prompt: when it is posted (Tuesday 10:00) and its theme.
    let prompts: [(at: Date, theme: String)]
    let answers: [Answer]
    let ticks: [Date]

    init() {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let start = calendar.date(from: DateComponents(year: 2026, month: 1, day: 5)) ?? Date()
        self.start = start
        func day(_ offset: Int) -> Date { calendar.date(byAdding: .day, value: offset, to: start) ?? start }
        prompts = (0..<Self.weeks).map { week in
            (day(7 * week + 1).addingTimeInterval(10 * 3600), Self.themes[week % Self.themes.count].id)
        }
        var random = MatchingSplitMix64(seed: 20)
        var answers: [Answer] = []
        for (index, prompt) in prompts.enumerated() {
            let chance = Self.themes[index % Self.themes.count].chance
            for member in 0..<Self.memberCount {
                if random.next() % 100 < chance {
                    for _ in 0..<(1 + Int(random.next() % 2)) {
                        let delay = 60 + Double(random.next() % UInt64(9 * 86_400 - 120))
                        answers.append(Answer(at: prompt.at + delay, member: member, prompt: index, kind: .reply))
                    }
                }
                if random.next() % 200 < chance {
                    let delay = 60 + Double(random.next() % UInt64(9 * 86_400 - 120))
                    answers.append(Answer(at: prompt.at + delay, member: member, prompt: index, kind: .reaction))
                }
            }
        }
        answers.sort { ($0.at, $0.member) < ($1.at, $1.member) }
        self.answers = answers
        ticks = (0..<(7 * Self.weeks + 1)).map { day($0).addingTimeInterval(300) }
    }

    static func id(_ member: Int) -> MemberID { MemberID(platform: "slack", user: "U\(member)") }

    /// The Slack `ts` prompt `index` was delivered as.
    static func ts(_ index: Int) -> String { "1767000000.\(100_000 + index)" }

    /// Each week's prompt figures and per-theme counts, from the script alone: an answer counts in the week it
    /// comes in when it is within the window; a member counts once per prompt, at their first reply in it.
    func recount(weeks: [DateInterval]) -> [WeekCounts] {
        var result = [WeekCounts](repeating: WeekCounts(), count: weeks.count)
        func week(of instant: Date) -> Int? { weeks.firstIndex { $0.start <= instant && instant < $0.end } }
        for prompt in prompts {
            guard let w = week(of: prompt.at) else { continue }
            result[w].promptThemes[prompt.theme, default: PromptThemeCounts()].posted += 1
        }
        var answered: Set<String> = []
        for answer in answers {
            let prompt = prompts[answer.prompt]
            guard answer.at.timeIntervalSince(prompt.at) < Double(Self.windowDays * 86_400),
                let w = week(of: answer.at)
            else { continue }
            switch answer.kind {
            case .reply:
                result[w].promptReplies += 1
                result[w].promptThemes[prompt.theme, default: PromptThemeCounts()].replies += 1
                if answered.insert("\(answer.prompt) \(answer.member)").inserted {
                    result[w].promptAnswerers += 1
                    result[w].promptThemes[prompt.theme, default: PromptThemeCounts()].answerers += 1
                }
            case .reaction:
                result[w].promptReactions += 1
                result[w].promptThemes[prompt.theme, default: PromptThemeCounts()].reactions += 1
            }
        }
        return result
    }
}

@Suite("A simulated year of prompts and the answers they draw")
struct SimulatedPromptYearTests {
    /// Plays the script: the prompts posted as the scheduler's `prompt.post` does and delivered to Slack, the
    /// answers as Slack thread replies and reactions, a tick every day at 00:05 and a restart half-way.
    static func play(_ year: SimulatedPromptYear) throws -> (state: CommunityState, reducer: CommunityReducer) {
        let profile = CommunityProfile(id: "sim", name: "Simulated CoP", timeZone: year.timeZone)
        let reducer = CommunityReducer(profile: profile, prompts: SimulatedPromptYear.library)
        var state = CommunityState()
        var promptIndex = 0
        var answerIndex = 0
        func post(upTo instant: Date) {
            while promptIndex < year.prompts.count, year.prompts[promptIndex].at < instant {
                let prompt = year.prompts[promptIndex]
                var runner = RuleRunner(
                    reducer: reducer, idPrefix: "schedule.weekly-prompt.\(promptIndex)", member: nil, state: state,
                    now: prompt.at)
                var facts = state.analytics.closingFacts(state: state, weeks: reducer.analyticsWeeks, now: prompt.at)
                facts += runner.postPrompt(theme: prompt.theme, state: state)
                state.apply(facts)
                if let message = state.prompts.open.last?.message {
                    let reference = PlatformMessageReference(
                        platform: "slack", channel: "C1", messageID: SimulatedPromptYear.ts(promptIndex))
                    state.apply(.messageDelivered(id: message, reference: reference))
                }
                promptIndex += 1
            }
        }
        for (day, tick) in year.ticks.enumerated() {
            while answerIndex < year.answers.count, year.answers[answerIndex].at < tick {
                let answer = year.answers[answerIndex]
                post(upTo: answer.at)
                let event: InputEvent = answer.kind == .reply ? .message("my answer") : .reaction(emoji: "tada")
                let input = Input(
                    id: "sim.\(answerIndex)", member: SimulatedPromptYear.id(answer.member),
                    displayName: "M\(answer.member)", event: event, respondsTo: SimulatedPromptYear.ts(answer.prompt))
                var rules = state.ruleEngineState
                state.apply(reducer.reduce(state, input, rules: &rules, now: answer.at).facts)
                answerIndex += 1
            }
            post(upTo: tick)
            var rules = state.ruleEngineState
            state.apply(reducer.reduceTick(state, rules: &rules, now: tick).facts)
            if day == 180 {
                state = try JSONDecoder().decode(CommunityState.self, from: JSONEncoder().encode(state))
            }
        }
        return (state, reducer)
    }

    static let played: Result<(state: CommunityState, reducer: CommunityReducer), any Error> = Result {
        try play(SimulatedPromptYear())
    }

    @Test("Every week's prompt replies, reactions, answerers and per-theme counts equal a recount of the script")
    func weeksEqualTheRecount() throws {
        let year = SimulatedPromptYear()
        let (state, _) = try Self.played.get()
        let weeks = state.analytics.weeks
        #expect(weeks.count == SimulatedPromptYear.weeks)
        let recount = year.recount(weeks: weeks.map { DateInterval(start: $0.start, end: $0.end) })
        var replies = 0
        for (index, week) in weeks.enumerated() {
            let counts = week.counts
            #expect(counts.promptReplies == recount[index].promptReplies, "week \(week.label)")
            #expect(counts.promptReactions == recount[index].promptReactions, "week \(week.label)")
            #expect(counts.promptAnswerers == recount[index].promptAnswerers, "week \(week.label)")
            #expect(counts.promptThemes == recount[index].promptThemes, "week \(week.label)")
            #expect(counts.promptsPosted == 1, "week \(week.label)")
            replies += counts.promptReplies
        }
        // Some answers came after their window and count nowhere; every other reply of the year counts once.
        let end = try #require(weeks.last?.end)
        let replyAnswers = year.answers.filter { $0.kind == .reply && $0.at < end }
        let inWindow = replyAnswers.filter { answer in
            answer.at.timeIntervalSince(year.prompts[answer.prompt].at)
                < Double(SimulatedPromptYear.windowDays * 86_400)
        }
        #expect(inWindow.count < replyAnswers.count)
        #expect(replies == inWindow.count)
        // Only the last prompt's window can still be open; no closed prompt keeps a member id.
        #expect(state.prompts.open.count <= 1)
    }

    @Test("The prompt statistics rank the themes in the scripted order, on the page, in the API and in the command")
    func ranking() throws {
        let (state, reducer) = try Self.played.get()
        let now = try #require(state.analytics.weeks.last?.end).addingTimeInterval(3600)
        // The 52 closed weeks and the running one.
        let trends = CommunityTrends.recent(
            53, state: state, community: "Simulated CoP", k: reducer.settings.surveys.threshold,
            weeks: reducer.analyticsWeeks, now: now)
        let table = PromptStatsTable(trends)
        #expect(table.text.contains("\n• show-and-tell: 13 prompts, 1164 replies, 409 reactions, 864 answerers, "))
        #expect(table.rows.map(\.theme) == SimulatedPromptYear.themes.map(\.id))
        #expect(table.rows.allSatisfy { $0.posted == 13 && $0.responseRate != nil })
        let document = try TrendsDocument(trends).json()
        let json = try #require(try JSONSerialization.jsonObject(with: document) as? [String: Any])
        let rows = try #require((json["prompts"] as? [String: Any])?["rows"] as? [[String: Any]])
        #expect(rows.compactMap { $0["theme"] as? String } == SimulatedPromptYear.themes.map(\.id))
        let weeks = try #require(json["weeks"] as? [[String: Any]])
        #expect(weeks.contains { ($0["promptReplies"] as? Int ?? 0) > 0 })
        #expect(
            PromptStatsTable(totals: state.analytics.promptThemeTotals, k: 5).rows.map(\.theme)
                == SimulatedPromptYear.themes.map(\.id))
        // The report's highlights from the round-ups name the three best-answered themes, in the scripted order.
        let highlights = RoundUpHighlights(trends)
        #expect(highlights.promptThemes.map(\.theme) == Array(SimulatedPromptYear.themes.map(\.id).prefix(3)))
        #expect(
            highlights.lines.last
                == "Prompt themes that drew the most answers: show-and-tell (66.5 answerers a prompt), "
                + "problem-solving (43.2 answerers a prompt), reflection (19.7 answerers a prompt).")
    }
}
