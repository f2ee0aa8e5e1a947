import Foundation
import Testing

@testable import ConvenerCore

@Suite("Rules in the reducer")
struct RuleAutomationTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    let profile = CommunityProfile(id: "test", name: "Test Community", convenors: ["convenor", "slack:U1"])

    func engine(_ specs: [RuleSpec]) throws -> RuleEngine {
        switch RuleCompiler.compile(specs) {
        case .success(let rules): return RuleEngine(rules: rules)
        case .failure(let problems): throw problems
        }
    }

    var welcome: RuleSpec {
        RuleSpec(
            id: "welcome",
            trigger: .event("member.joined"),
            conditions: ["!member.isConvenor"],
            actions: [
                .post(text: RuleTemplate("Welcome, {{ member.name }}!"), channel: nil),
                .directMessage(text: RuleTemplate("Hi {{ member.name }}, this is {{ community.name }}.")),
                .notifyConvenors(text: RuleTemplate("{{ member.name }} joined.")),
                .tagMember(tag: RuleTemplate("newcomer")),
            ],
            rateLimit: RuleRateLimit(global: RuleRate(count: 1, seconds: 3_600), perMember: nil)
        )
    }

    func say(_ member: String, _ text: String, id: String) -> Input {
        Input(
            id: id, member: MemberID(platform: "playground", user: member), displayName: member, event: .message(text))
    }

    @Test("member.joined runs the welcome rule once: channel post, DM, convenor DMs, a tag")
    func welcomeRule() throws {
        let reducer = CommunityReducer(profile: profile, rules: try engine([welcome]))
        var state = CommunityState()
        var rules = state.ruleEngineState
        let first = reducer.reduce(state, say("alice", "hi", id: "a"), rules: &rules, now: start)
        state.apply(first.facts)
        let queued = first.facts.compactMap { fact -> OutboundMessage? in
            if case .messageQueued(let entry) = fact { return entry.message }
            return nil
        }
        let alice = MemberID(platform: "playground", user: "alice")
        #expect(
            queued.map(\.audience) == [
                .channel, .direct(alice), .direct(MemberID(rawValue: "playground:convenor")),
                .direct(MemberID(rawValue: "slack:U1")),
            ])
        #expect(queued.first?.text == "Welcome, alice!")
        #expect(queued.map(\.id) == ["a.r1", "a.r2", "a.r3", "a.r4"])
        #expect(state.members[alice]?.tags == ["newcomer"])
        #expect(state.outbox.count == 4)
        let second = reducer.reduce(state, say("alice", "again", id: "b"), rules: &rules, now: start)
        #expect(!second.facts.contains { if case .messageQueued = $0 { true } else { false } })
    }

    @Test("Rate limits survive a restart: the buckets travel in facts")
    func bucketsPersist() throws {
        let reducer = CommunityReducer(profile: profile, rules: try engine([welcome]))
        var state = CommunityState()
        var rules = state.ruleEngineState
        state.apply(reducer.reduce(state, say("alice", "hi", id: "a"), rules: &rules, now: start).facts)
        // A restart: the working state is rebuilt from the durable state alone.
        var restarted = state.ruleEngineState
        #expect(restarted.buckets == rules.buckets)
        let bob = reducer.reduce(state, say("bob", "hi", id: "b"), rules: &restarted, now: start.addingTimeInterval(60))
        #expect(!bob.facts.contains { if case .messageQueued = $0 { true } else { false } })
        let later = reducer.reduce(
            state, say("bob", "hi", id: "c"), rules: &restarted, now: start.addingTimeInterval(7_200))
        #expect(later.facts.contains { if case .messageQueued = $0 { true } else { false } })
    }

    @Test("Messages that trigger no rule add no rule facts")
    func quietMessages() throws {
        let reducer = CommunityReducer(profile: profile, rules: try engine([welcome]))
        var state = CommunityState()
        var rules = state.ruleEngineState
        state.apply(reducer.reduce(state, say("alice", "hi", id: "a"), rules: &rules, now: start).facts)
        let next = reducer.reduce(state, say("alice", "more", id: "b"), rules: &rules, now: start)
        #expect(
            next.facts == [.activityRecorded(member: MemberID(rawValue: "playground:alice"), kind: .message, at: start)]
        )
    }

    @Test("Effects this version cannot do yet become notes, not facts")
    func notYetEffects() throws {
        let prompt = RuleSpec(id: "p", trigger: .event("message.posted"), actions: [.pairingRound(kind: .coffee)])
        let reducer = CommunityReducer(profile: profile, rules: try engine([prompt]))
        var rules = RuleEngineState()
        let outcome = reducer.reduce(CommunityState(), say("alice", "hi", id: "a"), rules: &rules, now: start)
        #expect(outcome.notes.count == 1)
        #expect(outcome.notes.first?.contains("rule p") == true)
    }

    @Test("`/cop rules list` and `explain` answer convenors from the engine")
    func rulesCommands() throws {
        let reducer = CommunityReducer(profile: profile, rules: try engine([welcome]))
        var rules = RuleEngineState()
        let convenor = MemberID(platform: "playground", user: "convenor")
        let list = reducer.reduce(
            CommunityState(), Input(id: "x", member: convenor, displayName: "convenor", event: .command("rules list")),
            rules: &rules, now: start)
        #expect(list.replies.first?.text.contains("welcome") == true)
        let explain = reducer.reduce(
            CommunityState(),
            Input(id: "y", member: convenor, displayName: "convenor", event: .command("rules explain welcom")),
            rules: &rules, now: start)
        #expect(explain.replies.first?.text.contains("welcome") == true)
    }

    @Test("Direct messages queued in quiet hours wait for the window's end; channel posts go at once")
    func quietHours() throws {
        var quiet = profile
        quiet.quietHours = QuietHours(parsing: "21:00-08:00")
        let reducer = CommunityReducer(profile: quiet, rules: try engine([welcome]))
        let night = try #require(ISO8601DateFormatter().date(from: "2026-11-23T22:30:00Z"))
        let morning = try #require(ISO8601DateFormatter().date(from: "2026-11-24T08:00:00Z"))
        var rules = RuleEngineState()
        let outcome = reducer.reduce(CommunityState(), say("alice", "hi", id: "a"), rules: &rules, now: night)
        let entries = outcome.facts.compactMap { fact -> OutboxEntry? in
            if case .messageQueued(let entry) = fact { return entry }
            return nil
        }
        #expect(entries.count == 4)
        for entry in entries {
            if entry.message.audience == .channel {
                #expect(entry.notBefore == nil)
                #expect(entry.isDue(at: night))
            } else {
                #expect(entry.notBefore == morning)
                #expect(!entry.isDue(at: night))
                #expect(entry.isDue(at: morning))
            }
        }
        let day = try #require(ISO8601DateFormatter().date(from: "2026-11-24T12:00:00Z"))
        var dayRules = RuleEngineState()
        let daytime = reducer.reduce(CommunityState(), say("bob", "hi", id: "b"), rules: &dayRules, now: day)
        let held = daytime.facts.filter { fact in
            if case .messageQueued(let entry) = fact { return entry.notBefore != nil }
            return false
        }
        #expect(held.isEmpty)
    }
}
