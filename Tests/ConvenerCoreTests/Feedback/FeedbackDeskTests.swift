import Foundation
import Testing

@testable import ConvenerCore

@Suite("Anonymous feedback")
struct FeedbackDeskTests {
    let authors = ["alice", "bob", "carol", "dave", "erin"]

    func feedbackDMs(_ harness: SurveyHarness) -> [OutboundMessage] {
        harness.directMessages(to: "convenor").filter { $0.actions.first?.id.hasPrefix("feedback.reply.") == true }
    }

    @Test("A note gets an ephemeral receipt, and nothing reaches the convenors before a batch is full")
    func receiptAndWait() {
        var harness = SurveyHarness()
        let outcome = harness.command("alice", "feedback The Thursday slot is hard for Asia")
        #expect(outcome.replies.count == 1)
        #expect(outcome.replies[0].isEphemeral)
        #expect(outcome.replyText.contains("without your name"))
        #expect(harness.state.feedback.pending.count == 1)
        harness.tick()
        #expect(feedbackDMs(harness).isEmpty)
        #expect(harness.state.feedback.pending.count == 1)
    }

    @Test("Five notes make a batch: every convenor gets all of them by DM at the next tick, with days and no times")
    func batchByCount() {
        var harness = SurveyHarness(convenors: ["convenor", "second"])
        for (index, author) in authors.enumerated() {
            harness.command(author, "feedback note number \(index)")
        }
        harness.tick()
        let first = feedbackDMs(harness)
        #expect(first.count == 1)
        let second = harness.directMessages(to: "second")
        #expect(second.count == 1)
        let text = first.first?.text ?? ""
        for index in 0..<5 { #expect(text.contains("note number \(index)")) }
        #expect(text.contains("2026-11-18"))
        #expect(text.range(of: #"\d{1,2}:\d{2}"#, options: .regularExpression) == nil)
        #expect(harness.state.feedback.pending.isEmpty)
        #expect(harness.state.feedback.batches.map(\.noteCount) == [5])
        harness.tick()
        #expect(feedbackDMs(harness).count == 1)
    }

    @Test("Fewer notes than a batch are delivered once the period since the oldest has passed")
    func batchByPeriod() {
        var harness = SurveyHarness()
        harness.command("alice", "feedback one")
        harness.tick(after: 86_400)
        harness.command("bob", "feedback two")
        harness.tick(after: 5 * 86_400)
        #expect(feedbackDMs(harness).isEmpty)
        harness.tick(after: 86_400)
        let dms = feedbackDMs(harness)
        #expect(dms.count == 1)
        #expect(dms.first?.text.contains("2 anonymous notes") == true)
        #expect(dms.first?.text.contains("2026-11-18 to 2026-11-19") == true)
    }

    @Test("A batch comes in random order, not in the order the notes were sent")
    func randomOrder() {
        var orders: Set<[String]> = []
        for seed in UInt64(1)...12 {
            var harness = SurveyHarness(seed: seed)
            for (index, author) in authors.enumerated() { harness.command(author, "feedback n\(index)") }
            harness.tick()
            let lines = (feedbackDMs(harness).first?.text ?? "").split(separator: "\n").filter { $0.hasPrefix("•") }
            orders.insert(lines.map { String($0.suffix(2)) })
        }
        #expect(orders.count > 6)
        #expect(orders.allSatisfy { Set($0) == ["n0", "n1", "n2", "n3", "n4"] })
    }

    @Test("No author id is ever in the state, the journal, the log or the convenors' messages")
    func noAuthorAnywhere() {
        var harness = SurveyHarness()
        for (index, author) in authors.enumerated() {
            let outcome = harness.command(author, "feedback private thought \(index)")
            #expect(!outcome.facts.filter(\.isJournaled).contains { if case .feedback = $0 { true } else { false } })
        }
        harness.tick()
        let feedbackFacts = harness.memory.filter { if case .feedback = $0 { true } else { false } }
        let texts =
            [jsonText(harness.state.feedback), jsonText(feedbackFacts), harness.log.joined(separator: "\n")]
            + feedbackDMs(harness).map(\.text)
        for author in authors {
            for text in texts { #expect(!text.contains(author)) }
        }
        // Each note reaches the journal only inside the batch, in a record with no member in it.
        for fact in harness.journal {
            if case .messageQueued(let entry) = fact, entry.message.text.contains("private thought") {
                #expect(entry.message.audience == .direct(SurveyHarness.id("convenor")))
            }
        }
    }

    @Test("The reply button gives convenors a form and members a refusal; the one reply goes to the channel")
    func replyToAll() throws {
        var harness = SurveyHarness()
        for author in authors { harness.command(author, "feedback hello") }
        harness.tick()
        let dm = try #require(feedbackDMs(harness).first)
        let action = try #require(dm.actions.first?.id)
        let refused = harness.send("alice", .action(messageID: dm.id, actionID: action))
        #expect(refused.replyText.contains("Only convenors"))
        #expect(refused.replies.first?.form == nil)
        let opened = harness.send("convenor", .action(messageID: dm.id, actionID: action))
        let form = try #require(opened.replies.first?.form)
        #expect(form.id.hasPrefix("feedback."))
        let empty = harness.submit("convenor", form.id, ["reply": .text("  ")])
        #expect(empty.replyText.hasPrefix("reply:"))
        let memberTry = harness.submit("bob", form.id, ["reply": .text("sneaky")])
        #expect(memberTry.replyText.contains("Only convenors"))
        harness.submit("convenor", form.id, ["reply": .text("Thanks, we will alternate the slot.")])
        let posted = harness.channelMessages.filter { $0.text.contains("Re: your feedback") }
        #expect(posted.count == 1)
        #expect(posted.first?.text.contains("Thanks, we will alternate the slot.") == true)
        let again = harness.submit("convenor", form.id, ["reply": .text("twice")])
        #expect(again.replyText.contains("already replied"))
        #expect(harness.channelMessages.filter { $0.text.contains("Re: your feedback") }.count == 1)
    }

    @Test("Pending notes survive a kill -9 (sealed pool), a shutdown and the daily write-down, and never double")
    func pendingSurvives() {
        var harness = SurveyHarness()
        harness.command("alice", "feedback kept one")
        harness.command("bob", "feedback kept two")
        #expect(harness.journalOnlyState().feedback.pending.isEmpty)
        #expect(harness.restartedState().feedback.pending.map(\.text).sorted() == ["kept one", "kept two"])
        #expect(harness.pools[CommunityState.feedbackPool]?.notes.count == 2)
        harness.tick(after: 86_400)
        #expect(harness.restartedState().feedback.pending.count == 2)
        harness.command("carol", "feedback kept three")
        harness.shutdown()
        let rebuilt = harness.restartedState().feedback.pending
        #expect(rebuilt.map(\.text).sorted() == ["kept one", "kept three", "kept two"])
        var replayed = harness.restartedState()
        replayed.apply(harness.journal)
        #expect(replayed.feedback.pending.count == 3)
    }

    @Test("A delivered batch takes its notes out of the sealed pool, whose file goes; a stale file is ignored")
    func poolGoesWithTheBatch() throws {
        var harness = SurveyHarness()
        for (index, author) in authors.enumerated() { harness.command(author, "feedback pooled \(index)") }
        let stale = try #require(harness.pools[CommunityState.feedbackPool])
        #expect(stale.notes.map(\.text) == (0..<5).map { "pooled \($0)" })
        #expect(!jsonText(stale).contains("alice"))
        harness.tick()
        #expect(feedbackDMs(harness).count == 1)
        #expect(harness.pools[CommunityState.feedbackPool] == nil)
        let restarted = harness.restartedState()
        #expect(restarted.feedback.pending.isEmpty)
        // A crash between the batch's record and the file's removal leaves the file behind: the batch has its notes.
        #expect(restarted.restoring(pool: CommunityState.feedbackPool, image: stale) == nil)
    }

    @Test("Too long a note is refused with the limit")
    func tooLong() {
        var harness = SurveyHarness()
        let outcome = harness.command("alice", "feedback " + String(repeating: "x", count: 2_001))
        #expect(outcome.replyText.contains("up to 2000"))
        #expect(harness.state.feedback.pending.isEmpty)
    }

    @Test("feedback.batch_size and feedback.period_days apply")
    func settings() {
        var settings = CommunitySettings.defaults
        settings.feedback = FeedbackSettings(batchSize: 3, periodDays: 2)
        var harness = SurveyHarness(settings: settings)
        harness.command("alice", "feedback one")
        harness.command("bob", "feedback two")
        harness.tick()
        #expect(feedbackDMs(harness).isEmpty)
        harness.command("carol", "feedback three")
        harness.tick()
        #expect(feedbackDMs(harness).count == 1)
        harness.command("dave", "feedback four")
        harness.tick(after: 86_400)
        #expect(feedbackDMs(harness).count == 1)
        harness.tick(after: 86_400)
        #expect(feedbackDMs(harness).count == 2)
        #expect(feedbackDMs(harness).last?.text.contains("1 anonymous note from") == true)
    }
}
