import Foundation
import Synchronization
import Testing

@testable import ConvenerCore

/// A small community for rule tests: a convenor, a quiet peripheral member and an active core member.
private enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let ada = RuleMemberView(
        id: MemberID(platform: "playground", user: "ada"), name: "Ada", tier: "peripheral",
        joinedAt: now.addingTimeInterval(-86_400 * 100), lastActiveAt: now.addingTimeInterval(-86_400 * 40))
    static let bob = RuleMemberView(
        id: MemberID(platform: "playground", user: "bob"), name: "Bob", tier: "core",
        joinedAt: now.addingTimeInterval(-86_400 * 300), lastActiveAt: now.addingTimeInterval(-3600))
    static let cleo = RuleMemberView(
        id: MemberID(platform: "playground", user: "cleo"), name: "Cleo", tier: "core",
        joinedAt: now.addingTimeInterval(-86_400 * 500), lastActiveAt: now, isConvenor: true)
    static let context = RuleContext(
        community: RuleCommunityView(id: "cop", name: "Data CoP", purpose: "learn together"),
        members: [cleo, bob, ada])

    static func engine(_ specs: [RuleSpec], limits: RuleLimits = .standard) throws -> RuleEngine {
        switch RuleCompiler.compile(specs) {
        case .success(let rules): return RuleEngine(rules: rules, limits: limits)
        case .failure(let problems): throw problems
        }
    }
}

/// The fixture's community, counting how often a rule run reads its whole member list, and counts its convenors.
private final class ListingCounter: Sendable {
    private let listings = Mutex(0)
    private let convenorCounts = Mutex(0)

    var count: Int { listings.withLock { $0 } }
    var convenorsCounted: Int { convenorCounts.withLock { $0 } }

    var context: RuleContext {
        RuleContext(
            community: Fixture.context.community, memberCount: 3,
            convenorCount: {
                self.convenorCounts.withLock { $0 += 1 }
                return 1
            },
            member: { Fixture.context.member($0) },
            members: {
                self.listings.withLock { $0 += 1 }
                return Fixture.context.members
            })
    }
}

@Suite("Rule engine")
struct RuleEngineTests {
    @Test("a matching event fires the rule with rendered templates and the cause chain")
    func firesWithTemplates() throws {
        let engine = try Fixture.engine([
            RuleSpec(
                id: "welcome", trigger: .event("member.joined"), conditions: ["member.tier == 'peripheral'"],
                actions: [
                    .post(text: RuleTemplate("Welcome {{ member.name }} to {{ community.name }}!"), channel: nil),
                    .directMessage(text: RuleTemplate("Quiet for {{ member.daysSinceActive }} days")),
                ])
        ])
        var state = RuleEngineState()
        let effects = engine.process(
            RuleEvent(type: "member.joined", member: Fixture.ada), context: Fixture.context, state: &state,
            now: Fixture.now)
        #expect(
            effects.map(\.action) == [
                .post(channel: nil, text: "Welcome Ada to Data CoP!"),
                .directMessage(to: Fixture.ada.id, text: "Quiet for 40 days"),
            ])
        #expect(effects.allSatisfy { $0.cause == ["welcome"] && $0.runID == "welcome#1" })
        #expect(state.traces["welcome"]?.last?.outcome == .fired)
    }

    @Test("a false condition fires nothing and is traced with each condition's value")
    func falseCondition() throws {
        let engine = try Fixture.engine([
            RuleSpec(
                id: "peripheral-only", trigger: .event("member.joined"),
                conditions: ["member.daysSinceActive > 1", "member.tier == 'peripheral'"],
                actions: [.post(text: RuleTemplate("hi"), channel: nil)])
        ])
        var state = RuleEngineState()
        let effects = engine.process(
            RuleEvent(type: "member.joined", member: Fixture.bob), context: Fixture.context, state: &state,
            now: Fixture.now)
        #expect(effects.isEmpty)
        let trace = try #require(state.traces["peripheral-only"]?.last)
        #expect(trace.outcome == .skipped)
        #expect(trace.conditions.map(\.value) == ["false"])
    }

    @Test("foreach runs the actions once per selected member, in id order")
    func foreachSelects() throws {
        let engine = try Fixture.engine([
            RuleSpec(
                id: "nudge", trigger: .schedule(cron: "0 9 * * MON", timeZone: "Europe/Berlin"),
                foreach: "members.filter(m, !m.isConvenor)",
                actions: [.nudge(style: .gentle), .tagMember(tag: RuleTemplate("nudged-{{ member.tier }}"))])
        ])
        var state = RuleEngineState()
        let effects = engine.process(
            .schedule(ruleID: "nudge"), context: Fixture.context, state: &state, now: Fixture.now)
        #expect(
            effects.map(\.action) == [
                .nudge(Fixture.ada.id, style: .gentle), .tagMember(Fixture.ada.id, tag: "nudged-peripheral"),
                .nudge(Fixture.bob.id, style: .gentle), .tagMember(Fixture.bob.id, tag: "nudged-core"),
            ])
        #expect(state.traces["nudge"]?.last?.selected == [Fixture.ada.id, Fixture.bob.id])
    }

    @Test("a schedule event only runs the rule it names")
    func scheduleTargetsOneRule() throws {
        let engine = try Fixture.engine([
            RuleSpec(id: "a", trigger: .schedule(cron: "@daily", timeZone: "UTC"), actions: [.postDigest(days: 7)]),
            RuleSpec(id: "b", trigger: .schedule(cron: "@daily", timeZone: "UTC"), actions: [.postPrompt(theme: nil)]),
        ])
        var state = RuleEngineState()
        let effects = engine.process(.schedule(ruleID: "b"), context: Fixture.context, state: &state, now: Fixture.now)
        #expect(effects.map(\.action) == [.postPrompt(theme: nil)])
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let schedules = engine.rules.schedules(communityTimeZone: tokyo)
        #expect(schedules.map(\.ruleID) == ["a", "b"])
        // Both rules name UTC, so the community's zone does not apply.
        #expect(schedules.allSatisfy { $0.schedule.timeZone.secondsFromGMT() == 0 })
    }

    @Test("a self-triggering rule fires at most 3 times (here once) and leaves one drop trace per re-trigger")
    func selfTriggeringStops() throws {
        // Tagging a member emits member.tierChanged in this simulation, which triggers the same rule again.
        let engine = try Fixture.engine([
            RuleSpec(
                id: "loop", trigger: .event("member.tierChanged"),
                actions: [.tagMember(tag: RuleTemplate("x")), .post(text: RuleTemplate("again"), channel: nil)],
                mode: .parallel(max: 100))
        ])
        var state = RuleEngineState()
        var pending = [RuleEvent(type: "member.tierChanged", member: Fixture.ada)]
        var fired = 0
        var steps = 0
        while let event = pending.first, steps < 100 {
            pending.removeFirst()
            steps += 1
            let effects = engine.process(event, context: Fixture.context, state: &state, now: Fixture.now)
            if !effects.isEmpty { fired += 1 }
            for effect in effects {
                pending.append(RuleEvent(type: "member.tierChanged", member: Fixture.ada, cause: effect.cause))
            }
        }
        #expect(fired <= 3)
        #expect(fired == 1)
        let outcomes = state.traces["loop"]?.map(\.outcome) ?? []
        #expect(outcomes == [.fired, .loopDropped, .loopDropped])
    }

    @Test("a chain of distinct rules stops after 3 rules")
    func chainDepth() throws {
        let specs = (0..<6).map { index in
            RuleSpec(
                id: "r\(index)", trigger: .event(index == 0 ? "member.joined" : "custom.step\(index)"),
                actions: [.post(text: RuleTemplate("step \(index)"), channel: nil)])
        }
        let engine = try Fixture.engine(specs)
        var state = RuleEngineState()
        var event = RuleEvent(type: "member.joined", member: Fixture.ada)
        var firedRules: [String] = []
        for index in 1..<6 {
            let effects = engine.process(event, context: Fixture.context, state: &state, now: Fixture.now)
            guard let effect = effects.first else { break }
            firedRules.append(effect.ruleID)
            event = RuleEvent(type: "custom.step\(index)", member: Fixture.ada, cause: effect.cause)
        }
        #expect(firedRules == ["r0", "r1", "r2"])
        #expect(state.traces["r3"]?.last?.outcome == .chainTooDeep)
    }

    @Test("per-member and global token buckets limit runs and refill over time")
    func rateLimits() throws {
        let engine = try Fixture.engine([
            RuleSpec(
                id: "kudos-thanks", trigger: .event("kudos.given"),
                actions: [.directMessage(text: RuleTemplate("thanks"))], mode: .parallel(max: 100),
                rateLimit: RuleRateLimit(
                    global: RuleRate(count: 3, seconds: 3600), perMember: RuleRate(count: 1, seconds: 86_400)))
        ])
        var state = RuleEngineState()
        func send(_ member: RuleMemberView, at offset: Double) -> Int {
            engine.process(
                RuleEvent(type: "kudos.given", member: member), context: Fixture.context, state: &state,
                now: Fixture.now.addingTimeInterval(offset)
            ).count
        }
        #expect(send(Fixture.ada, at: 0) == 1)
        #expect(send(Fixture.ada, at: 1) == 0)
        #expect(state.traces["kudos-thanks"]?.last?.outcome == .rateLimited)
        #expect(send(Fixture.bob, at: 2) == 1)
        #expect(send(Fixture.cleo, at: 3) == 1)
        let late = RuleMemberView(
            id: MemberID(platform: "playground", user: "dan"), name: "Dan", joinedAt: Fixture.now,
            lastActiveAt: Fixture.now)
        let context = RuleContext(community: Fixture.context.community, members: Fixture.context.members + [late])
        let blocked = engine.process(
            RuleEvent(type: "kudos.given", member: late), context: context, state: &state,
            now: Fixture.now.addingTimeInterval(4))
        #expect(blocked.isEmpty)
        #expect(send(Fixture.ada, at: 86_400) == 1)
    }

    @Test("the community's hourly outbound budget stops all rules together")
    func outboundBudget() throws {
        let engine = try Fixture.engine(
            [
                RuleSpec(
                    id: "echo", trigger: .event("message.posted"),
                    actions: [.post(text: RuleTemplate("seen"), channel: nil)], mode: .parallel(max: 100))
            ], limits: RuleLimits(outboundPerHour: 5))
        var state = RuleEngineState()
        var sent = 0
        for index in 0..<20 {
            sent +=
                engine.process(
                    RuleEvent(type: "message.posted", member: Fixture.bob), context: Fixture.context, state: &state,
                    now: Fixture.now.addingTimeInterval(Double(index))
                ).count
        }
        #expect(sent == 5)
        #expect(state.traces["echo"]?.last?.outcome == .budgetExhausted)
    }

    @Test("single mode drops a trigger while a run is open; finish or the timeout reopens it")
    func singleMode() throws {
        let limits = RuleLimits(runTimeout: 30)
        let engine = try Fixture.engine(
            [
                RuleSpec(
                    id: "once", trigger: .event("message.posted"),
                    actions: [.post(text: RuleTemplate("hi"), channel: nil)])
            ], limits: limits)
        var state = RuleEngineState()
        let event = RuleEvent(type: "message.posted", member: Fixture.bob)
        let first = engine.process(event, context: Fixture.context, state: &state, now: Fixture.now)
        #expect(first.count == 1)
        #expect(engine.process(event, context: Fixture.context, state: &state, now: Fixture.now).isEmpty)
        #expect(state.traces["once"]?.last?.outcome == .busy)
        _ = engine.finish(runID: first[0].runID, context: Fixture.context, state: &state, now: Fixture.now)
        #expect(engine.process(event, context: Fixture.context, state: &state, now: Fixture.now).count == 1)
        #expect(
            engine.process(event, context: Fixture.context, state: &state, now: Fixture.now.addingTimeInterval(60))
                .count == 1)
    }

    @Test("queued mode keeps the trigger and runs it when the open run finishes")
    func queuedMode() throws {
        let engine = try Fixture.engine(
            [
                RuleSpec(
                    id: "q", trigger: .event("message.posted"),
                    actions: [
                        .post(text: RuleTemplate("for {{ member.name }}: {{ event.payload.channel }}"), channel: nil)
                    ],
                    mode: .queued(max: 2))
            ], limits: RuleLimits(runTimeout: 30))
        var state = RuleEngineState()
        let first = engine.process(
            RuleEvent(type: "message.posted", member: Fixture.bob, payload: ["channel": .string("a")]),
            context: Fixture.context, state: &state, now: Fixture.now)
        let waiting = engine.process(
            RuleEvent(type: "message.posted", member: Fixture.ada, payload: ["channel": .string("b")]),
            context: Fixture.context, state: &state, now: Fixture.now)
        #expect(waiting.isEmpty)
        #expect(state.traces["q"]?.last?.outcome == .queued)
        let released = engine.finish(runID: first[0].runID, context: Fixture.context, state: &state, now: Fixture.now)
        #expect(released.map(\.action) == [.post(channel: nil, text: "for Ada: b")])
        #expect(state.queues["q"] == nil)
    }

    @Test("explain shows conditions, foreach members and rendered actions, and changes nothing")
    func explainIsDryRun() throws {
        let engine = try Fixture.engine([
            RuleSpec(
                id: "nudge", description: "nudge quiet members", trigger: .event("member.inactive"),
                conditions: ["member.daysSinceActive >= 30", "!member.away"],
                foreach: "members.filter(m, m.tier == 'peripheral')",
                actions: [.directMessage(text: RuleTemplate("We miss you, {{ member.name }}"))])
        ])
        var state = RuleEngineState()
        _ = engine.process(RuleEvent(type: "member.joined"), context: Fixture.context, state: &state, now: Fixture.now)
        let before = state
        let explanation = try engine.explain(
            ruleID: "nudge", event: RuleEvent(type: "member.inactive", member: Fixture.ada),
            context: Fixture.context, state: state, now: Fixture.now
        ).get()
        #expect(state == before)
        #expect(explanation.conditions.map(\.value) == ["true", "true"])
        #expect(explanation.selected == ["Ada (playground:ada)"])
        #expect(explanation.effects == ["dm to playground:ada: We miss you, Ada"])
        let text = explanation.description
        #expect(text.contains("member.daysSinceActive >= 30  →  true"))
        #expect(text.contains("Would do (dry run, nothing sent):"))
        if case .failure(let error) = engine.explain(
            ruleID: "nudg", event: RuleEvent(type: "x"), context: Fixture.context, now: Fixture.now)
        {
            #expect(error == .unknownRule("nudg", suggestion: "nudge"))
        } else {
            Issue.record("explain of an unknown rule must fail")
        }
    }

    @Test("engine state round-trips through JSON")
    func stateCodable() throws {
        let engine = try Fixture.engine([
            RuleSpec(id: "w", trigger: .event("member.joined"), actions: [.dm(text: "hi")])
        ])
        var state = RuleEngineState()
        _ = engine.process(
            RuleEvent(type: "member.joined", member: Fixture.ada), context: Fixture.context,
            state: &state, now: Fixture.now)
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(RuleEngineState.self, from: data) == state)
    }
}

extension RuleAction {
    fileprivate static func dm(text: String) -> RuleAction { .directMessage(text: RuleTemplate(text)) }
}

@Suite("Rule engine defaults")
struct RuleEngineDefaultTests {
    @Test("by default runs end when process returns, so single mode never blocks a burst of joins")
    func burstOfJoins() throws {
        let rules = try RuleCompiler.compile([
            RuleSpec(
                id: "welcome", trigger: .event("member.joined"), actions: [.directMessage(text: RuleTemplate("hi"))])
        ]).get()
        let engine = RuleEngine(rules: rules)
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let members = (0..<10).map { index in
            RuleMemberView(
                id: MemberID(platform: "playground", user: "m\(index)"), name: "M\(index)", joinedAt: now,
                lastActiveAt: now)
        }
        let context = RuleContext(community: RuleCommunityView(id: "c", name: "C"), members: members)
        var state = RuleEngineState()
        var sent = 0
        for member in members {
            sent +=
                engine.process(
                    RuleEvent(type: "member.joined", member: member), context: context, state: &state, now: now
                ).count
        }
        #expect(sent == 10)
        #expect(state.openRuns.isEmpty)
    }

    @Test("members are listed once per event, only for a rule reading them; convenors counted only for a note")
    func memberListIsLazy() throws {
        let engine = try Fixture.engine([
            RuleSpec(
                id: "welcome", trigger: .event("member.joined"), conditions: ["member.tier == 'peripheral'"],
                actions: [.directMessage(text: RuleTemplate("hi"))]),
            RuleSpec(
                id: "headcount", trigger: .event("kudos.given"), conditions: ["size(members) > 2"],
                actions: [.post(text: RuleTemplate("{{ community.memberCount }} of us"), channel: nil)]),
            RuleSpec(
                id: "tell", trigger: .event("kudos.given"), conditions: [],
                actions: [.notifyConvenors(text: RuleTemplate("kudos"))]),
        ])
        let listings = ListingCounter()
        let context = listings.context
        var state = RuleEngineState()
        let welcomed = engine.process(
            RuleEvent(type: "member.joined", member: Fixture.ada), context: context, state: &state, now: Fixture.now)
        #expect(welcomed.count == 1)
        #expect(listings.count == 0)
        // Only a note to the convenors counts them (for the hourly budget), so a welcome does not.
        #expect(listings.convenorsCounted == 0)
        let counted = engine.process(
            RuleEvent(type: "kudos.given", member: Fixture.bob), context: context, state: &state, now: Fixture.now)
        #expect(counted.map(\.action) == [.post(channel: nil, text: "3 of us"), .notifyConvenors(text: "kudos")])
        #expect(listings.count == 1)
        #expect(listings.convenorsCounted == 1)
    }
}

@Suite("Rule engine: what a run builds")
struct RuleRunCostTests {
    @Test("a rule reads the variables its compiled expressions name, `.members` with a leading dot included")
    func variablesFromTheCompiler() throws {
        let welcome = try RuleCompiler.compile(
            RuleSpec(
                id: "welcome", trigger: .event("member.joined"), conditions: ["!member.isConvenor"],
                actions: [.post(text: RuleTemplate("Welcome to {{ community.name }}"), channel: nil)])
        ).get()
        #expect(welcome.variablesRead == ["member", "community"])
        let engine = try Fixture.engine([
            RuleSpec(
                id: "headcount", trigger: .event("kudos.given"), conditions: ["size(.members) > 2"],
                actions: [.post(text: RuleTemplate("{{ event.type }}"), channel: nil)])
        ])
        let listings = ListingCounter()
        let context = listings.context
        var state = RuleEngineState()
        let effects = engine.process(
            RuleEvent(type: "kudos.given", member: Fixture.bob), context: context, state: &state, now: Fixture.now)
        #expect(effects.map(\.action) == [.post(channel: nil, text: "kudos.given")])
        #expect(listings.count == 1)
    }

    @Test("a template failing for one foreach member takes no token; a rate-limited run renders nothing")
    func rateCheckedBeforeRendering() throws {
        // Ada is peripheral: her placeholder indexes past the list's end and fails to render.
        let engine = try Fixture.engine([
            RuleSpec(
                id: "hello", trigger: .schedule(cron: "0 9 * * MON", timeZone: "UTC"),
                foreach: "members.filter(m, !m.isConvenor)",
                actions: [.directMessage(text: RuleTemplate("Hi {{ ['x'][member.tier == 'peripheral' ? 5 : 0] }}"))],
                rateLimit: RuleRateLimit(global: RuleRate(count: 1, seconds: 3600), perMember: nil))
        ])
        var state = RuleEngineState()
        let first = engine.process(
            .schedule(ruleID: "hello"), context: Fixture.context, state: &state,
            now: Fixture.now)
        #expect(first.map(\.action) == [.directMessage(to: Fixture.bob.id, text: "Hi x")])
        let fired = try #require(state.traces["hello"]?.last)
        #expect(fired.outcome == .fired)
        #expect(fired.note.contains("for \(Fixture.ada.id)"), "\(fired.note)")
        let second = engine.process(
            .schedule(ruleID: "hello"), context: Fixture.context, state: &state,
            now: Fixture.now.addingTimeInterval(60))
        #expect(second.isEmpty)
        let limited = try #require(state.traces["hello"]?.last)
        #expect(limited.outcome == .rateLimited)
        #expect(limited.note == "rate limit 1/hour reached; rate limit 1/hour reached", "\(limited.note)")
    }
}
