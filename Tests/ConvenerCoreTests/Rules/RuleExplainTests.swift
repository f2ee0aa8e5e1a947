import Foundation
import Testing

@testable import ConvenerCore

@Suite("Rule explain and listing")
struct RuleExplainTests {
    private static let now = Date(timeIntervalSince1970: 1_790_000_000)
    private static let ada = RuleMemberView(
        id: MemberID(platform: "playground", user: "ada"), name: "Ada", tier: "peripheral",
        joinedAt: now.addingTimeInterval(-86_400 * 10), lastActiveAt: now.addingTimeInterval(-86_400 * 3))
    private static let context = RuleContext(community: RuleCommunityView(id: "cop", name: "CoP"), members: [ada])

    private static func engine() throws -> RuleEngine {
        let specs = [
            RuleSpec(
                id: "poll-results", description: "post results", trigger: .event("poll.closed"),
                conditions: ["int(event.payload.votes) > 0"],
                actions: [
                    .post(text: RuleTemplate("{{ event.payload.question }}: {{ event.payload.results }}"), channel: nil)
                ]),
            RuleSpec(
                id: "off", enabled: false, trigger: .event("member.joined"),
                actions: [.notifyConvenors(text: RuleTemplate("{{ member.name }} joined"))]),
        ]
        return RuleEngine(rules: try RuleCompiler.compile(specs).get())
    }

    @Test("an event file in JSON becomes an event, and explain renders the actions from its payload")
    func explainFromJSON() throws {
        let engine = try Self.engine()
        let event = try RuleEvent.parsing(
            json: #"{"type": "poll.closed", "payload": {"question": "Lunch?", "results": "yes 3, no 1", "votes": 4}}"#,
            context: Self.context
        ).get()
        let explanation = try engine.explain(ruleID: "poll-results", event: event, context: Self.context, now: Self.now)
            .get()
        #expect(explanation.triggerMatches)
        #expect(explanation.conditions == [RuleConditionTrace(source: "int(event.payload.votes) > 0", value: "true")])
        #expect(explanation.effects == ["post in #community channel: Lunch?: yes 3, no 1"])
    }

    @Test("bad event files are refused with what to fix")
    func badEventJSON() {
        let cases = [
            #"[1]"#, #"{"member": "playground:ada"}"#, #"{"type": "x", "member": "playground:zed"}"#,
            #"{"type": "x", "cause": [1]}"#, #"{"type": "x", "extra": 1}"#, "not json",
        ]
        for text in cases {
            guard case .failure(.invalidEvent) = RuleEvent.parsing(json: text, context: Self.context) else {
                Issue.record("accepted: \(text)")
                continue
            }
        }
    }

    @Test("a disabled rule never fires, and list and describe show the rules")
    func disabledAndListing() throws {
        let engine = try Self.engine()
        var state = RuleEngineState()
        let effects = engine.process(
            RuleEvent(type: "member.joined", member: Self.ada), context: Self.context, state: &state, now: Self.now)
        #expect(effects.isEmpty)
        #expect(state.traces.isEmpty)
        #expect(engine.list() == "poll-results — poll.closed: post results\noff — member.joined (disabled)")
        let description = try engine.describe(ruleID: "poll-results", state: state).get()
        #expect(description.contains("Condition 1: int(event.payload.votes) > 0"))
        #expect(description.contains("No recent runs."))
    }

    @Test("explain tells when the event would be dropped as a loop")
    func explainLoop() throws {
        let engine = try Self.engine()
        let explanation = try engine.explain(
            ruleID: "poll-results", event: RuleEvent(type: "poll.closed", cause: ["poll-results"]),
            context: Self.context, now: Self.now
        ).get()
        #expect(explanation.dropped?.contains("re-trigger itself") == true)
    }

    @Test("traces keep at least the last N runs per rule, and explain shows the last N")
    func traceRetention() throws {
        let engine = RuleEngine(
            rules: try RuleCompiler.compile([
                RuleSpec(
                    id: "p", trigger: .event("poll.closed"), conditions: ["false"], actions: [.postDigest(days: 7)])
            ]).get(), limits: RuleLimits(tracesPerRule: 5))
        var state = RuleEngineState()
        for index in 0..<23 {
            _ = engine.process(
                RuleEvent(type: "poll.closed"), context: Self.context, state: &state,
                now: Self.now.addingTimeInterval(Double(index)))
        }
        let kept = state.traces["p"]?.count ?? 0
        #expect((5..<10).contains(kept))
        let recent = state.recentTraces(of: "p", limit: 5)
        #expect(recent.count == 5)
        #expect(recent.last?.at == Self.now.addingTimeInterval(22))
    }

    @Test("explain shows every condition's value, even after one is false")
    func explainEveryCondition() throws {
        let engine = RuleEngine(
            rules: try RuleCompiler.compile([
                RuleSpec(
                    id: "c", trigger: .event("member.joined"),
                    conditions: ["member.tier == 'core'", "member.daysSinceActive >= 3", "int(event.payload.x) > 0"],
                    actions: [.postPrompt(theme: nil)])
            ]).get())
        let explanation = try engine.explain(
            ruleID: "c", event: RuleEvent(type: "member.joined", member: Self.ada), context: Self.context, now: Self.now
        ).get()
        #expect(explanation.conditions.map(\.value).prefix(2) == ["false", "true"])
        #expect(explanation.conditions.last?.value.hasPrefix("error: ") == true)
        #expect(explanation.effects.isEmpty)
        #expect(explanation.verdict == "condition 1 is false: member.tier == 'core'")
    }
}
