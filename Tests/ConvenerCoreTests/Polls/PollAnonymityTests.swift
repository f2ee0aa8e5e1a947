import Foundation
import Testing

@testable import ConvenerCore

@Suite("Polls: anonymity by construction")
struct PollAnonymityTests {
    static let voters = ["bob", "carol", "dave", "erin", "frank", "grace"]

    /// An anonymous poll with votes, changes and a retraction; returns the harness and the outcomes of the clicks.
    func votedPoll(closes: String = "") throws -> (PollHarness, [Outcome]) {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Honest?" "Yes" "No" "Unsure" --anonymous \#(closes)"#)
        var clicks: [Outcome] = []
        for (index, name) in Self.voters.enumerated() {
            harness.now = harness.now.addingTimeInterval(60)
            clicks.append(harness.run(name, .action(messageID: "poll.P1", actionID: "poll.P1.vote.\(index % 3 + 1)")))
        }
        // Change.
        clicks.append(harness.run("bob", .action(messageID: "poll.P1", actionID: "poll.P1.vote.2")))
        // Retract.
        clicks.append(harness.run("carol", .action(messageID: "poll.P1", actionID: "poll.P1.vote.2")))
        // The creator votes too.
        clicks.append(harness.run("alice", .action(messageID: "poll.P1", actionID: "poll.P1.vote.3")))
        return (harness, clicks)
    }

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    @Test("Votes are counted per option and can be changed and taken back through the token")
    func countsAndChanges() throws {
        let (harness, _) = try votedPoll()
        let poll = try #require(harness.state.polls["P1"])
        // bob Yes→No, carol No→retracted, dave Unsure, erin Yes, frank No, grace Unsure, alice Unsure.
        #expect(poll.counts == [1, 2, 3])
        #expect(poll.voterCount == 6)
        #expect(poll.ballots.isEmpty)
        #expect(poll.tokenChoices.count == 6)
        #expect(poll.choices(of: PollHarness.id("bob")) == [1])
        #expect(poll.choices(of: PollHarness.id("carol")) == [])
    }

    @Test("No fact or note of a vote names a member together with the poll; only the voter's own reply does")
    func factsOfVotes() throws {
        let (_, clicks) = try votedPoll()
        for outcome in clicks {
            for fact in outcome.facts {
                let text = try json(fact)
                #expect(!(text.contains("playground:") && text.contains("P1")), "\(text)")
                if case .poll(.votedAnonymously(_, let token, _)) = fact { #expect(token.count == 64) }
                #expect(!text.contains("\"voted\""))
            }
            #expect(outcome.notes.allSatisfy { !$0.contains("playground:") })
            #expect(outcome.replies.count == 1)
            #expect(outcome.replies.allSatisfy { $0.isEphemeral })
        }
    }

    @Test("After close the state holds no key, no token and no voter or creator id next to the poll")
    func stateAfterClose() throws {
        var (harness, _) = try votedPoll()
        let open = try #require(harness.state.polls["P1"])
        let tokens = Array(open.tokenChoices.keys)
        let key = try json(try #require(open.key))
        #expect(try harness.stateJSON().contains(tokens[0]))
        harness.say("convenor", "poll close P1")
        #expect(harness.outcomes.last?.compactsJournal == true)
        let closed = try #require(harness.state.polls["P1"])
        #expect(closed.key == nil && closed.tokenChoices.isEmpty && closed.creator == nil)
        #expect(closed.counts == [1, 2, 3] && closed.voterCount == 6)
        let whole = try harness.stateJSON()
        for token in tokens { #expect(!whole.contains(token)) }
        #expect(!whole.contains(key.trimmingCharacters(in: CharacterSet(charactersIn: "\""))))
        // Everything but the member list itself: no member id at all, so none next to the poll.
        var document = try #require(try JSONSerialization.jsonObject(with: Data(whole.utf8)) as? [String: Any])
        document["members"] = nil
        let rest = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        #expect(rest.contains("P1"))
        for name in Self.voters + ["alice"] { #expect(!rest.contains("playground:\(name)")) }
        for fact in harness.outcomes.last?.facts ?? [] {
            let text = try json(fact)
            #expect(!(text.contains("playground:") && text.contains("P1")), "\(text)")
        }
    }

    @Test("A deadline close by the tick after a restart destroys the tokens and asks for compaction")
    func deadlineCloseCompacts() throws {
        var (harness, _) = try votedPoll(closes: "--closes 1h")
        try harness.restart()
        #expect(harness.state.polls["P1"]?.tokenChoices.count == 6)
        let outcome = harness.tick(at: PollHarness.start.addingTimeInterval(3_600))
        #expect(outcome.compactsJournal)
        #expect(harness.state.polls["P1"]?.tokenChoices.isEmpty == true)
        #expect(harness.state.polls["P1"]?.key == nil)
    }

    @Test("Tokens are per poll: the same member has unrelated tokens in two polls")
    func tokensPerPoll() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "One?" "A" "B" --anonymous"#)
        harness.say("alice", #"poll "Two?" "A" "B" --anonymous"#)
        harness.click("bob", "poll.P1.vote.1")
        harness.click("bob", "poll.P2.vote.1", message: "poll.P2")
        let first = try #require(harness.state.polls["P1"]?.tokenChoices.keys.first)
        let second = try #require(harness.state.polls["P2"]?.tokenChoices.keys.first)
        #expect(first != second)
        #expect(harness.state.polls["P1"]?.key != harness.state.polls["P2"]?.key)
    }

    @Test("/cop me never mentions anonymous votes, and forget removes the member's token")
    func memberData() throws {
        var (harness, _) = try votedPoll()
        #expect(harness.state.polls.memberDataLines(PollHarness.id("bob")).isEmpty)
        #expect(harness.state.polls.memberDataLines(PollHarness.id("alice")) == [#"Poll P1 “Honest?”: you started it"#])
        harness.state.apply(.memberForgotten(member: PollHarness.id("bob")))
        let poll = try #require(harness.state.polls["P1"])
        #expect(poll.tokenChoices.count == 5 && poll.counts == [1, 2, 3])
        #expect(poll.choices(of: PollHarness.id("bob")) == [])
    }
}
