import Foundation
import Testing

@testable import ConvenerCore

@Suite("Polls: the lifecycle through the reducer")
struct PollLifecycleTests {
    @Test("Creating a poll queues its message with one button per option and confirms privately")
    func create() throws {
        var harness = try PollHarness()
        let replies = harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi" "Salad""#)
        #expect(replies.count == 1)
        #expect(replies[0].hasPrefix("Your poll P1 is posted in #general."))
        #expect(harness.outcomes.last?.replies.first?.isEphemeral == true)
        let message = try #require(harness.lastQueued.first)
        #expect(message.id == "poll.P1")
        #expect(message.audience == .channel)
        #expect(message.actions.map(\.id) == ["poll.P1.vote.1", "poll.P1.vote.2", "poll.P1.vote.3"])
        #expect(message.actions.map(\.label) == ["Pizza", "Sushi", "Salad"])
        #expect(message.text.hasPrefix("📊 Poll P1: Lunch?\n• Pizza: 0\n• Sushi: 0\n• Salad: 0\n0 voters · pick one"))
        let poll = try #require(harness.state.polls["P1"])
        #expect(poll.creator == PollHarness.id("alice") && poll.isOpen && poll.counts == [0, 0, 0])
        harness.say("bob", #"poll "Venue?" "Berlin" "Lisbon""#)
        #expect(harness.lastQueued.first?.id == "poll.P2")
        #expect(harness.state.polls.nextNumber == 3)
    }

    @Test("Single choice: vote, change, retract; each vote edits the message in place with a new id")
    func singleChoice() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi""#)
        #expect(harness.click("bob", "poll.P1.vote.1") == #"Your vote in P1 “Lunch?” is now: Pizza."#)
        let edit = try #require(harness.lastQueued.first)
        #expect(edit.id == "poll.P1.u1" && edit.updates == "poll.P1" && edit.audience == .channel)
        #expect(edit.text.contains("• Pizza: 1 (100%)\n• Sushi: 0 (0%)\n1 voter"))
        #expect(edit.actions.count == 2)
        #expect(
            harness.outcomes.last?.facts.contains(
                .activityRecorded(
                    member: PollHarness.id("bob"), kind: .vote, at: harness.now)) == true)
        #expect(harness.click("bob", "poll.P1.vote.2") == #"Your vote in P1 “Lunch?” is now: Sushi."#)
        #expect(harness.state.polls.counts("P1") == [0, 1])
        #expect(harness.lastQueued.first?.id == "poll.P1.u2")
        // The change is not a new participation, and the older edit still waiting is dropped.
        #expect(
            !(harness.outcomes.last?.facts.contains { if case .activityRecorded = $0 { true } else { false } }
                ?? true))
        #expect(harness.outcomes.last?.facts.contains(.messageSettled(id: "poll.P1.u1", at: harness.now)) == true)
        #expect(harness.state.outbox.map(\.message.id) == ["poll.P1", "poll.P1.u2"])
        let retracted = harness.click("bob", "poll.P1.vote.2")
        #expect(retracted.hasPrefix("You took back your vote in P1"))
        #expect(harness.state.polls.counts("P1") == [0, 0])
        #expect(harness.state.polls["P1"]?.voterCount == 0)
        #expect(harness.state.polls["P1"]?.ballots.isEmpty == true)
        harness.click("carol", "poll.P1.vote.1")
        harness.click("dave", "poll.P1.vote.1")
        #expect(harness.channelText("poll.P1")?.contains("• Pizza: 2 (100%)") == true)
        #expect(harness.state.polls["P1"]?.revision == 5)
    }

    @Test("Multi choice toggles options and refuses more than --max with a clear reply")
    func multiChoice() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Topics?" "Testing" "Actors" "Macros" --max 2"#)
        harness.click("bob", "poll.P1.vote.1")
        #expect(
            harness.click("bob", "poll.P1.vote.3")
                == #"Your picks in P1 “Topics?” are now: Testing, Macros (2 of at most 2)."#)
        let refused = harness.click("bob", "poll.P1.vote.2")
        #expect(refused.hasPrefix("You can pick at most 2 options in P1, and you have already picked Testing, Macros."))
        #expect(harness.outcomes.last?.facts.isEmpty == true)
        harness.click("bob", "poll.P1.vote.1")
        harness.click("bob", "poll.P1.vote.2")
        #expect(harness.state.polls["P1"]?.ballots[PollHarness.id("bob")] == [1, 2])
        #expect(harness.state.polls.counts("P1") == [0, 1, 1])
        harness.say("alice", #"poll "Any?" "A" "B" "C" --multi"#)
        for option in 1...3 { harness.click("carol", "poll.P2.vote.\(option)", message: "poll.P2") }
        #expect(harness.state.polls.counts("P2") == [1, 1, 1])
        #expect(harness.state.polls["P2"]?.voterCount == 1)
    }

    @Test("A hidden poll edits nothing while open, hides counts from everyone, and shows them at close")
    func hidden() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Secret?" "Yes" "No" --hidden"#)
        #expect(harness.lastQueued.first?.text.contains("results are shown when the poll closes") == true)
        #expect(harness.click("bob", "poll.P1.vote.1").hasSuffix("Results are shown when the poll closes."))
        #expect(harness.lastQueued.isEmpty)
        let forCreator = harness.say("alice", "poll results P1")[0]
        #expect(forCreator.contains("stay hidden from everyone until it closes. So far 1 member has voted."))
        #expect(!forCreator.contains("Yes: 1"))
        #expect(harness.say("convenor", "poll results P1")[0].contains("stay hidden"))
        #expect(harness.say("alice", "poll list")[0].contains("P1 “Secret?” — results hidden until it closes"))
        harness.say("alice", "poll close P1")
        let final = try #require(harness.lastQueued.last)
        #expect(final.id == "poll.P1.final" && final.updates == "poll.P1" && final.actions.isEmpty)
        #expect(final.text.contains("• Yes: 1 (100%)"))
        #expect(harness.say("bob", "poll results P1")[0].contains("• Yes: 1 (100%)"))
    }

    @Test("Closing: refused to others, done by the creator, final message without buttons, poll.closed raised")
    func closeByCreator() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi""#)
        harness.click("bob", "poll.P1.vote.1")
        harness.click("carol", "poll.P1.vote.1")
        harness.click("dave", "poll.P1.vote.2")
        let refused = harness.say("bob", "poll close P1")[0]
        #expect(refused.hasPrefix("Only the person who started P1 or a convenor can close it."))
        #expect(harness.state.polls["P1"]?.isOpen == true)
        let closed = harness.say("alice", "poll close P1")[0]
        #expect(closed.hasPrefix(#"Closed P1 “Lunch?”: Pizza 2 · Sushi 1 (3 voters)."#))
        let poll = try #require(harness.state.polls["P1"])
        #expect(!poll.isOpen && poll.ballots.isEmpty && poll.counts == [2, 1] && poll.voterCount == 3)
        #expect(poll.creator == PollHarness.id("alice"))
        #expect(harness.state.polls.openIDs.isEmpty && harness.state.polls.closedIDs == ["P1"])
        #expect(harness.outcomes.last?.compactsJournal == false)
        // The last live edit was still queued: the final message replaces it.
        #expect(harness.state.outbox.map(\.message.id) == ["poll.P1", "poll.P1.final"])
        let final = try #require(harness.state.outbox.last?.message)
        #expect(
            final.text.hasPrefix("📊 Poll P1: Lunch? (closed)\n• Pizza: 2 (67%)\n• Sushi: 1 (33%)\n3 voters · closed"))
        #expect(final.actions.isEmpty)
        #expect(harness.click("erin", "poll.P1.vote.1").contains("is closed, so your click was not counted"))
        #expect(harness.say("alice", "poll close P1")[0].hasPrefix("P1 is already closed."))
        #expect(harness.say("alice", "poll close P9")[0].hasPrefix("There is no poll P9."))
    }

    @Test("A convenor may close anyone's poll")
    func closeByConvenor() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi""#)
        #expect(harness.say("convenor", "poll close P1")[0].hasPrefix("Closed P1"))
        #expect(harness.state.polls["P1"]?.isOpen == false)
    }

    @Test("A --closes deadline is state: it survives a JSON restart and the tick closes the poll once")
    func deadlineAcrossRestart() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi" --closes 2d"#)
        #expect(harness.state.polls["P1"]?.closesAt == PollHarness.start.addingTimeInterval(2 * 86_400))
        harness.click("bob", "poll.P1.vote.2")
        #expect(!harness.tick(at: PollHarness.start.addingTimeInterval(86_400)).facts.contains(where: Self.isPollFact))
        try harness.restart()
        harness.reducer = try PollHarness().reducer
        let outcome = harness.tick(at: PollHarness.start.addingTimeInterval(2 * 86_400 + 5))
        #expect(outcome.facts.first(where: Self.isPollFact) == .poll(.closed(poll: "P1", at: harness.now)))
        #expect(outcome.notes.contains("poll P1 closed: its deadline passed; 1 voter"))
        #expect(harness.state.polls["P1"]?.isOpen == false)
        #expect(!harness.tick(at: harness.now.addingTimeInterval(60)).facts.contains(where: Self.isPollFact))
    }

    @Test("A snapshot written before polls existed (an empty book) still loads")
    func emptyBookDecodes() throws {
        let book = try JSONDecoder().decode(PollBook.self, from: Data("{}".utf8))
        #expect(book == PollBook() && book.nextNumber == 1)
    }

    @Test("Deadlines in the past or beyond 90 days are refused with the usage")
    func badDeadlines() throws {
        var harness = try PollHarness()
        let past = harness.say("alice", #"poll "Q?" "A" "B" --closes 2020-01-01T10:00"#)[0]
        #expect(past.hasPrefix("The closing time 2020-01-01 10:00 (UTC) has already passed"))
        #expect(past.contains("Usage: /cop poll"))
        let far = harness.say("alice", #"poll "Q?" "A" "B" --closes 13w"#)[0]
        #expect(far.hasPrefix("A poll can stay open for at most 90 days"))
        #expect(harness.state.polls.polls.isEmpty)
    }

    @Test("Results and list read the state; unknown ids are named")
    func resultsAndList() throws {
        var harness = try PollHarness()
        #expect(harness.say("bob", "poll list")[0].hasPrefix("There are no polls yet."))
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi""#)
        harness.say("alice", #"poll "Venue?" "Berlin" "Lisbon" --closes 3d"#)
        harness.click("bob", "poll.P1.vote.1")
        let results = harness.say("bob", "poll results P1")[0]
        #expect(results.hasPrefix("📊 Poll P1: Lunch?\n• Pizza: 1 (100%)"))
        #expect(results.hasSuffix("\nYour vote: Pizza."))
        #expect(harness.say("carol", "poll results P1")[0].hasSuffix("\nYou have not voted."))
        harness.say("alice", "poll close P1")
        let list = harness.say("bob", "poll list")[0]
        #expect(list.hasPrefix("Open polls:\n• P2 “Venue?” — Berlin 0 · Lisbon 0 (0 voters) · closes "))
        #expect(list.contains("Recently closed:\n• P1 “Lunch?” — Pizza 1 · Sushi 0 (1 voter) · closed "))
        #expect(harness.say("bob", "poll results P7")[0].hasPrefix("There is no poll P7."))
    }

    @Test("A member may run at most max_open_per_member polls at once; convenors are not limited")
    func openLimit() throws {
        var harness = try PollHarness(settings: CommunitySettings(polls: PollSettings(maxOpenPerMember: 2)))
        harness.say("alice", #"poll "One?" "A" "B""#)
        harness.say("alice", #"poll "Two?" "A" "B""#)
        let refused = harness.say("alice", #"poll "Three?" "A" "B""#)[0]
        #expect(refused.hasPrefix("You already have 2 open polls (P1, P2)"))
        for number in 1...3 { harness.say("convenor", #"poll "C\#(number)?" "A" "B""#) }
        #expect(harness.state.polls.openIDs == ["P1", "P2", "P3", "P4", "P5"])
    }

    @Test("Clicks on unknown buttons or options change nothing")
    func strayClicks() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi""#)
        #expect(harness.click("bob", "poll.P4.vote.1").contains("no longer knows"))
        #expect(harness.click("bob", "poll.P1.vote.3").contains("not one of the options"))
        #expect(harness.click("bob", "poll.P1.vote.x").contains("no longer knows"))
        #expect(
            harness.outcomes.suffix(3).allSatisfy { !$0.facts.contains { if case .poll = $0 { true } else { false } } })
    }

    @Test("/cop me forget drops the member's choices and name but keeps the counts")
    func forget() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi""#)
        harness.click("bob", "poll.P1.vote.1")
        harness.click("alice", "poll.P1.vote.2")
        let lines = harness.state.polls.memberDataLines(PollHarness.id("alice"))
        #expect(lines == [#"Poll P1 “Lunch?”: you started it; you picked Sushi"#])
        harness.state.apply(.memberForgotten(member: PollHarness.id("alice")))
        let poll = try #require(harness.state.polls["P1"])
        #expect(poll.creator == nil && poll.ballots.keys.map(\.rawValue) == ["playground:bob"])
        #expect(poll.counts == [1, 1] && poll.voterCount == 2)
        #expect(harness.state.polls.memberDataLines(PollHarness.id("alice")).isEmpty)
    }

    @Test("The round-up lists polls closed in the window; small anonymous polls are left out")
    func digest() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi""#)
        harness.say("alice", #"poll "Honest?" "Yes" "No" --anonymous"#)
        harness.say("alice", #"poll "Big?" "Yes" "No" --anonymous"#)
        for (index, name) in ["b", "c", "d", "e", "f"].enumerated() {
            harness.click(name, "poll.P1.vote.\(index % 2 + 1)")
            harness.click(name, "poll.P3.vote.1", message: "poll.P3")
        }
        harness.click("b", "poll.P2.vote.1", message: "poll.P2")
        harness.now = harness.now.addingTimeInterval(3_600)
        for id in ["P1", "P2", "P3"] { harness.say("alice", "poll close \(id)") }
        let lines = harness.state.polls.digestLines(
            since: PollHarness.start, until: harness.now.addingTimeInterval(1))
        #expect(lines == [#"P1 “Lunch?” — Pizza 3 · Sushi 2 (5 voters)"#, #"P3 “Big?” — Yes 5 · No 0 (5 voters)"#])
        #expect(
            harness.state.polls.digestLines(since: harness.now.addingTimeInterval(1), until: .distantFuture).isEmpty)
    }

    /// Whether a fact is the polls' own (ticks also carry other features' daily bookkeeping).
    private static func isPollFact(_ fact: Fact) -> Bool {
        if case .poll = fact { return true }
        return false
    }
}
