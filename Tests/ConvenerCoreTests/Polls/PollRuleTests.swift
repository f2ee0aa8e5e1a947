import Foundation
import Testing

@testable import ConvenerCore

@Suite("Polls: rules start polls and post results")
struct PollRuleTests {
    /// The default `poll-results` rule, as `Deploy/rules/default.yaml` writes it.
    static let results = RuleSpec(
        id: "poll-results", trigger: .event("poll.closed"), conditions: ["int(event.payload.votes) > 0"],
        actions: [
            .post(
                text: RuleTemplate(
                    "📊 Poll {{ event.payload.pollId }} “{{ event.payload.question }}” closed: "
                        + "{{ event.payload.results }}"),
                channel: nil)
        ])

    static func starter(_ polls: Int = 1, closesAfter: Double? = 3_600) -> RuleSpec {
        RuleSpec(
            id: "welcome-poll", trigger: .event("member.joined"), conditions: ["member.name == 'starter'"],
            actions: (1...polls).map { number in
                .startPoll(
                    RulePollAction(
                        question: RuleTemplate("What brings you here, {{ member.name }} (\(number))?"),
                        options: [RuleTemplate("Learning"), RuleTemplate("Sharing")], anonymous: true,
                        closesAfter: closesAfter))
            })
    }

    func posts(_ outcome: Outcome?) -> [String] {
        (outcome?.facts ?? []).compactMap { fact in
            if case .messageQueued(let entry) = fact, entry.message.updates == nil,
                !entry.message.id.hasPrefix("poll.")
            {
                return entry.message.text
            }
            return nil
        }
    }

    @Test("poll.closed runs the results rule when a creator closes a poll with votes, not when nobody voted")
    func resultsOnClose() throws {
        var harness = try PollHarness(rules: [Self.results])
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi""#)
        harness.click("bob", "poll.P1.vote.1")
        harness.click("carol", "poll.P1.vote.1")
        harness.click("dave", "poll.P1.vote.2")
        harness.say("alice", "poll close P1")
        #expect(posts(harness.outcomes.last) == ["📊 Poll P1 “Lunch?” closed: Pizza 2 · Sushi 1"])
        harness.say("alice", #"poll "Empty?" "A" "B""#)
        harness.say("alice", "poll close P2")
        #expect(posts(harness.outcomes.last).isEmpty)
    }

    @Test("poll.closed from the tick posts the results once the deadline passes, after a restart")
    func resultsOnDeadline() throws {
        var harness = try PollHarness(rules: [Self.results])
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi" --closes 30m --anonymous"#)
        harness.click("bob", "poll.P1.vote.2")
        try harness.restart()
        let outcome = harness.tick(at: PollHarness.start.addingTimeInterval(1_800))
        #expect(posts(outcome) == ["📊 Poll P1 “Lunch?” closed: Pizza 0 · Sushi 1"])
        #expect(outcome.compactsJournal)
        let post = outcome.facts.compactMap { fact -> String? in
            if case .messageQueued(let entry) = fact, !entry.message.id.hasPrefix("poll.") { return entry.message.id }
            return nil
        }
        #expect(post == ["tick.\(Int(harness.now.timeIntervalSince1970)).r1"])
    }

    @Test("poll.start opens a poll as a convenor would: no creator, only convenors close it, its deadline holds")
    func ruleStartsPoll() throws {
        var harness = try PollHarness(rules: [Self.starter()])
        let outcome = harness.run("starter", .message("hello"))
        let poll = try #require(harness.state.polls["P1"])
        #expect(poll.question == "What brings you here, starter (1)?")
        #expect(poll.creator == nil && poll.isAnonymous && poll.key != nil)
        #expect(poll.closesAt == PollHarness.start.addingTimeInterval(3_600))
        #expect(outcome.notes.contains("rule welcome-poll started poll P1"))
        #expect(harness.lastQueued.map(\.id) == ["poll.P1"])
        harness.click("bob", "poll.P1.vote.1")
        #expect(harness.say("starter", "poll close P1")[0].hasPrefix("Only the person who started P1 or a convenor"))
        #expect(harness.say("convenor", "poll close P1")[0].hasPrefix("Closed P1"))
    }

    @Test("Two polls started in one outcome get different ids, and later polls follow both")
    func twoPollsInOneOutcome() throws {
        var harness = try PollHarness(rules: [Self.starter(2, closesAfter: nil)])
        harness.run("starter", .message("hello"))
        #expect(harness.lastQueued.map(\.id) == ["poll.P1", "poll.P2"])
        #expect(harness.state.polls.openIDs == ["P1", "P2"])
        harness.say("alice", #"poll "Next?" "A" "B""#)
        #expect(harness.state.polls.openIDs == ["P1", "P2", "P3"])
    }

    @Test("A poll a new member starts and one a member.joined rule starts in the same input get different ids")
    func commandAndRuleInOneInput() throws {
        var harness = try PollHarness(rules: [Self.starter()])
        harness.say("starter", #"poll "Mine?" "A" "B""#)
        #expect(harness.lastQueued.map(\.id) == ["poll.P1", "poll.P2"])
        #expect(harness.state.polls["P1"]?.question == "Mine?")
        #expect(harness.state.polls["P2"]?.question == "What brings you here, starter (1)?")
    }

    @Test("A rule whose options render badly logs why and starts nothing")
    func badRulePoll() throws {
        let spec = RuleSpec(
            id: "bad", trigger: .event("member.joined"),
            actions: [
                .startPoll(
                    RulePollAction(
                        question: RuleTemplate("Pick"), options: [RuleTemplate("{{ member.name }}"), RuleTemplate("x")]
                    ))
            ])
        var harness = try PollHarness(rules: [spec])
        let outcome = harness.run("x", .message("hi"))
        #expect(outcome.notes.contains("rule bad could not start a poll: two options are the same"))
        #expect(harness.state.polls.polls.isEmpty)
    }
}
