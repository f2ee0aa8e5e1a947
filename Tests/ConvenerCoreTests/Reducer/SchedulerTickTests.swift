import Foundation
import Testing

@testable import ConvenerCore

@Suite("The scheduler tick in the reducer")
struct SchedulerTickTests {
    /// 2026-01-05 (a Monday) 09:00:00 UTC.
    let nine = Date(timeIntervalSince1970: 1_767_603_600)
    let profile = CommunityProfile(id: "test", name: "Test Community", convenors: ["convenor"])
    let library = PromptLibrary(themes: [
        PromptTheme(
            id: "reflection", title: "Reflection on practice", description: "",
            prompts: (1...3).map { DiscussionPrompt(id: "reflection-0\($0)", theme: "reflection", text: "Q\($0)?") })
    ])

    func reducer(
        _ specs: [RuleSpec], profile: CommunityProfile? = nil, prompts: PromptLibrary = PromptLibrary()
    ) throws -> CommunityReducer {
        switch RuleCompiler.compile(specs) {
        case .success(let rules):
            return CommunityReducer(profile: profile ?? self.profile, rules: RuleEngine(rules: rules), prompts: prompts)
        case .failure(let problems): throw problems
        }
    }

    /// A rule posting "tick" in the channel at minute 0 of every hour.
    func hourly(_ policy: CatchUpPolicy = .latest, holidays: HolidayHandling = .skip) -> RuleSpec {
        RuleSpec(
            id: "hourly", trigger: .schedule(cron: "0 * * * *", timeZone: "UTC"),
            actions: [.post(text: RuleTemplate("tick"), channel: nil)],
            scheduleOptions: RuleScheduleOptions(catchUp: ScheduleCatchUp(policy: policy), holidays: holidays))
    }

    func channelPosts(_ facts: [Fact]) -> [OutboundMessage] {
        facts.compactMap { fact -> OutboundMessage? in
            if case .messageQueued(let entry) = fact, entry.message.audience == .channel { return entry.message }
            return nil
        }
    }

    /// Ticks `reducer` at each of `times`, applying the facts; returns every channel post.
    func run(_ reducer: CommunityReducer, state: inout CommunityState, at times: [Date]) -> [OutboundMessage] {
        var posts: [OutboundMessage] = []
        for time in times {
            // A fresh rule engine state each time, as after a restart: only the persisted state carries over.
            var rules = state.ruleEngineState
            let outcome = reducer.reduceTick(state, rules: &rules, now: time)
            state.apply(outcome.facts)
            posts += channelPosts(outcome.facts)
        }
        return posts
    }

    @Test("A due schedule fires once, however often it is ticked, and the ledger entry comes first")
    func dueFiresOnce() throws {
        let reducer = try reducer([hourly()])
        var state = CommunityState()
        _ = run(reducer, state: &state, at: [nine.addingTimeInterval(-30)])
        var rules = state.ruleEngineState
        let due = reducer.reduceTick(state, rules: &rules, now: nine.addingTimeInterval(1))
        guard case .scheduleRecorded(let schedule, _)? = due.facts.first else {
            Issue.record("the first fact is not the ledger entry: \(due.facts)")
            return
        }
        #expect(schedule == "hourly")
        #expect(channelPosts(due.facts).map(\.text) == ["tick"])
        state.apply(due.facts)
        let again = run(reducer, state: &state, at: [nine.addingTimeInterval(2), nine.addingTimeInterval(30)])
        #expect(again.isEmpty)
    }

    @Test("A new reducer over the persisted state, as after a restart, fires nothing twice")
    func restartDoesNotRepeat() throws {
        var state = CommunityState()
        let first = try reducer([hourly()])
        let fired = run(first, state: &state, at: [nine.addingTimeInterval(-30), nine.addingTimeInterval(1)])
        #expect(fired.count == 1)
        let data = try JSONEncoder().encode(state)
        var restored = try JSONDecoder().decode(CommunityState.self, from: data)
        #expect(restored == state)
        let second = try reducer([hourly()])
        #expect(run(second, state: &restored, at: [nine.addingTimeInterval(5)]).isEmpty)
    }

    @Test(
        "After three missed hours, catch-up none fires nothing, latest fires once, all fires each once",
        arguments: [(CatchUpPolicy.none, 0), (.latest, 1), (.all, 3)])
    func catchUpAfterDowntime(policy: CatchUpPolicy, expected: Int) throws {
        let reducer = try reducer([hourly(policy)])
        var state = CommunityState()
        _ = run(reducer, state: &state, at: [nine.addingTimeInterval(-30)])
        // Down from 08:59:30 until 11:30: 09:00, 10:00 and 11:00 were missed.
        let back = nine.addingTimeInterval(2.5 * 3600)
        let posts = run(reducer, state: &state, at: [back, back.addingTimeInterval(1)])
        #expect(posts.count == expected)
        #expect(Set(posts.map(\.id)).count == posts.count)
    }

    @Test("On a holiday, skip drops the fire and postpone moves it to the next free day")
    func holidays() throws {
        let holiday = try #require(CommunityHoliday(parsing: "2026-01-05"))
        let profile = CommunityProfile(id: "test", name: "Test", convenors: ["convenor"], holidays: [holiday])
        let daily = { (handling: HolidayHandling) in
            RuleSpec(
                id: "weekly", trigger: .schedule(cron: "0 9 * * MON", timeZone: "UTC"),
                actions: [.post(text: RuleTemplate("weekly"), channel: nil)],
                scheduleOptions: RuleScheduleOptions(holidays: handling))
        }
        let times = [
            nine.addingTimeInterval(-30), nine.addingTimeInterval(1), nine.addingTimeInterval(86_400 + 1),
        ]
        var skipped = CommunityState()
        let skipPosts = run(try reducer([daily(.skip)], profile: profile), state: &skipped, at: times)
        #expect(skipPosts.isEmpty)
        var postponed = CommunityState()
        let postponer = try reducer([daily(.postpone)], profile: profile)
        #expect(run(postponer, state: &postponed, at: Array(times.prefix(2))).isEmpty)
        #expect(postponed.scheduleLedger.entry(for: "weekly")?.postponed.count == 1)
        // Tuesday 09:00, the next day that is not a holiday.
        #expect(run(postponer, state: &postponed, at: [times[2]]).map(\.text) == ["weekly"])
        #expect(postponed.scheduleLedger.entry(for: "weekly")?.postponed.isEmpty == true)
    }

    @Test("prompt.post rotates through a theme without repeating, and records the rotation")
    func promptRotation() throws {
        let rule = RuleSpec(
            id: "prompt", trigger: .schedule(cron: "0 * * * *", timeZone: "UTC"),
            actions: [.postPrompt(theme: "reflection")])
        let reducer = try reducer([rule], prompts: library)
        var state = CommunityState()
        let times = [nine.addingTimeInterval(-30)] + (0..<3).map { nine.addingTimeInterval(Double($0) * 3600 + 1) }
        let posts = run(reducer, state: &state, at: times)
        #expect(posts.count == 3)
        #expect(Set(posts.map(\.text)).count == 3)
        #expect(state.promptRotation.themes["reflection"]?.done.count == 3)
    }

    @Test("member.inactive is raised once per silence, nudges skip away members, and activity resets it")
    func inactiveAndNudges() throws {
        let nudge = RuleSpec(
            id: "nudge", trigger: .event("member.inactive"), actions: [.nudge(style: .gentle)])
        let profile = CommunityProfile(id: "test", name: "Test", convenors: ["convenor"], inactiveAfterDays: 10)
        let reducer = try reducer([nudge], profile: profile)
        var state = CommunityState()
        let alice = MemberID(platform: "playground", user: "alice")
        let bob = MemberID(platform: "playground", user: "bob")
        state.apply([
            .memberJoined(member: alice, displayName: "alice", at: nine),
            .memberJoined(member: bob, displayName: "bob", at: nine),
            .memberAwayChanged(member: bob, until: nine.addingTimeInterval(30 * 86_400)),
        ])
        let later = nine.addingTimeInterval(11 * 86_400)
        var rules = state.ruleEngineState
        let first = reducer.reduceTick(state, rules: &rules, now: later)
        state.apply(first.facts)
        let dms = first.facts.compactMap { fact -> Audience? in
            if case .messageQueued(let entry) = fact { return entry.message.audience }
            return nil
        }
        #expect(dms == [.direct(alice)])
        #expect(state.inactiveSince[alice] == later)
        #expect(state.inactiveSince[bob] == nil)
        let second = reducer.reduceTick(state, rules: &rules, now: later.addingTimeInterval(60))
        #expect(second.facts.isEmpty)
        let back = reducer.reduce(
            state, Input(id: "m", member: alice, displayName: "alice", event: .message("hello again")), rules: &rules,
            now: later.addingTimeInterval(120))
        #expect(back.facts.contains(.memberReturned(member: alice)))
        state.apply(back.facts)
        #expect(state.inactiveSince[alice] == nil)
    }

    @Test("A tick not looking for quiet members raises no member.inactive; the next one that looks does")
    func quietSearchOnRequest() throws {
        let profile = CommunityProfile(id: "test", name: "Test", convenors: ["convenor"], inactiveAfterDays: 10)
        let reducer = try reducer([], profile: profile)
        var state = CommunityState()
        let alice = MemberID(platform: "playground", user: "alice")
        state.apply([.memberJoined(member: alice, displayName: "alice", at: nine)])
        let later = nine.addingTimeInterval(11 * 86_400)
        var rules = state.ruleEngineState
        let skipped = reducer.reduceTick(state, rules: &rules, now: later, lookingForQuietMembers: false)
        #expect(!skipped.facts.contains(.memberInactiveRaised(member: alice, at: later)))
        let looked = reducer.reduceTick(state, rules: &rules, now: later, lookingForQuietMembers: true)
        #expect(looked.facts.contains(.memberInactiveRaised(member: alice, at: later)))
    }

    @Test("`/cop away 1w` and `/cop back` mark and unmark the member; `/cop prompt now` posts a prompt")
    func commands() throws {
        let reducer = try reducer([], prompts: library)
        var state = CommunityState()
        var rules = state.ruleEngineState
        let alice = MemberID(platform: "playground", user: "alice")
        let away = reducer.reduce(
            state, Input(id: "a", member: alice, displayName: "alice", event: .command("away 1w")), rules: &rules,
            now: nine)
        state.apply(away.facts)
        #expect(state.vacations.isAway(alice, at: nine.addingTimeInterval(6 * 86_400)))
        let back = reducer.reduce(
            state, Input(id: "b", member: alice, displayName: "alice", event: .command("back")), rules: &rules,
            now: nine)
        state.apply(back.facts)
        #expect(!state.vacations.isAway(alice, at: nine.addingTimeInterval(60)))
        let convenor = MemberID(platform: "playground", user: "convenor")
        let now = reducer.reduce(
            state, Input(id: "c", member: convenor, displayName: "convenor", event: .command("prompt now")),
            rules: &rules, now: nine)
        let posted = channelPosts(now.facts)
        #expect(posted.count == 1)
        #expect(posted.first?.text.contains("Q") == true)
        let denied = reducer.reduce(
            state, Input(id: "d", member: alice, displayName: "alice", event: .command("prompt now")), rules: &rules,
            now: nine)
        #expect(channelPosts(denied.facts).isEmpty)
    }
}
