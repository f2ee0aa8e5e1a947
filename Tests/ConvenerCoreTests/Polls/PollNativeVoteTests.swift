import Foundation
import Testing

@testable import ConvenerCore

@Suite("Polls: native polls (the poll description and whole votes)")
struct PollNativeVoteTests {
    func vote(_ harness: inout PollHarness, _ member: String, _ answers: [String]) -> Outcome {
        harness.run(member, .vote(messageID: "poll.P1", answerIDs: answers))
    }

    @Test("the poll message, its live edits and its final results describe the poll, answers keyed by button id")
    func description() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Salad" "Soup" --max 2 --hidden"#)
        let opened = try #require(harness.lastQueued.first)
        let poll = try #require(opened.poll)
        #expect(poll.question == "Lunch?" && poll.maxSelections == 2)
        #expect(poll.answers.map(\.id) == ["poll.P1.vote.1", "poll.P1.vote.2", "poll.P1.vote.3"])
        #expect(poll.answers.map(\.label) == ["Pizza", "Salad", "Soup"])
        #expect(poll.answers.map(\.id) == opened.actions.map(\.id))
        #expect(poll.hidesResultsUntilClosed && !poll.isAnonymous && !poll.isClosed && poll.counts.isEmpty)
        _ = vote(&harness, "bob", ["poll.P1.vote.2"])
        harness.say("alice", "poll close P1")
        let final = try #require(harness.lastQueued.first { $0.updates == "poll.P1" })
        #expect(final.poll?.isClosed == true && final.poll?.counts == [0, 1, 0])
        #expect(final.poll?.answers.count == 3, "a closed poll keeps its answers though its buttons are gone")
        // Messages that are not polls carry none, and an old journal record without it still decodes.
        let help = harness.run("bob", .command("help")).replies
        #expect(help.allSatisfy { $0.poll == nil })
        let old = #"{"id":"m1","audience":{"channel":{}},"text":"hi","actions":[]}"#
        #expect(try JSONDecoder().decode(OutboundMessage.self, from: Data(old.utf8)).poll == nil)
        let again = try JSONDecoder().decode(OutboundMessage.self, from: JSONEncoder().encode(final))
        #expect(again == final)
    }

    @Test("a whole vote replaces the earlier one, an empty one takes it back, and a successful vote is not answered")
    func wholeVotes() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Salad" "Soup" --max 2"#)
        #expect(vote(&harness, "bob", ["poll.P1.vote.1"]).replies.isEmpty)
        #expect(vote(&harness, "carol", ["poll.P1.vote.2", "poll.P1.vote.3"]).replies.isEmpty)
        #expect(harness.state.polls["P1"]?.counts == [1, 1, 1])
        // Bob changes his mind: the new vote replaces the old one, it is not toggled.
        _ = vote(&harness, "bob", ["poll.P1.vote.3", "poll.P1.vote.1"])
        #expect(harness.state.polls["P1"]?.choices(of: PollHarness.id("bob")) == [0, 2])
        let same = vote(&harness, "bob", ["poll.P1.vote.1", "poll.P1.vote.3"])
        #expect(same.facts.isEmpty && same.replies.isEmpty, "the same vote again changes nothing")
        _ = vote(&harness, "carol", [])
        let poll = try #require(harness.state.polls["P1"])
        #expect(poll.counts == [1, 0, 1] && poll.voterCount == 1)
        // The channel message is edited with the counts, like after a click.
        #expect(harness.outcomes.last?.facts.contains { if case .messageQueued = $0 { true } else { false } } == true)
    }

    @Test("a vote for an unknown answer, too many answers, a closed or unknown poll is refused privately")
    func refusals() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Salad""#)
        harness.say("alice", #"poll "Other?" "A" "B""#)
        let foreign = vote(&harness, "bob", ["poll.P2.vote.1"])
        #expect(foreign.replies.first?.text.contains("not one of P1's") == true)
        let many = vote(&harness, "bob", ["poll.P1.vote.1", "poll.P1.vote.2"])
        #expect(many.replies.first?.text.contains("at most 1") == true)
        let unknown = harness.run("bob", .vote(messageID: "poll.P9", answerIDs: ["poll.P9.vote.1"]))
        #expect(unknown.replies.first?.text.contains("no longer knows") == true)
        _ = vote(&harness, "bob", ["poll.P1.vote.2"])
        harness.say("alice", "poll close P1")
        let late = vote(&harness, "carol", ["poll.P1.vote.1"])
        #expect(late.replies.first?.text.contains("closed before your vote arrived") == true)
        #expect(late.replies.allSatisfy { $0.isEphemeral })
        #expect(harness.state.polls["P1"]?.counts == [0, 1])
    }
}
