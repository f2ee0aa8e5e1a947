import Foundation
import Testing

@testable import ConvenerCore

@Suite("Survey lifecycle")
struct SurveyLifecycleTests {
    static let members = ["alice", "bob", "carol", "dave", "erin", "frank"]

    /// A community where everyone has spoken once, so the survey invites them all.
    static func community(settings: CommunitySettings = .defaults, seed: UInt64 = 3) -> SurveyHarness {
        var harness = SurveyHarness(settings: settings, seed: seed)
        for name in ["convenor"] + members { harness.send(name, .message("hi")) }
        return harness
    }

    static func answers(_ belonging: Int, change: String? = nil) -> [String: FormValue] {
        var values: [String: FormValue] = [
            "belonging": .text("\(belonging)"), "safety": .text("5"),
            "rhythm": .choices(["about-right"]), "helps": .choices(["mentoring", "kudos"]),
        ]
        if let change { values["change"] = .text(change) }
        return values
    }

    @Test("Starting a survey DMs every member the form and announces it; members cannot start one")
    func start() throws {
        var harness = Self.community()
        let refused = harness.command("alice", "survey start community-health")
        #expect(refused.replyText.contains("Only the convenors"))
        let outcome = harness.command("convenor", "survey start community-health --k 3")
        #expect(outcome.replyText.contains("Opened survey S1"))
        let record = try #require(harness.state.surveys.survey("S1"))
        #expect(record.threshold == 3)
        #expect(record.key != nil)
        #expect(record.invited == 7)
        #expect(record.closesAt == SurveyHarness.start.addingTimeInterval(7 * 86_400))
        let dm = try #require(harness.directMessages(to: "bob").first)
        let form = try #require(dm.form)
        #expect(form.id == "survey.S1")
        #expect(form.fields.map(\.kind) == [.scale, .scale, .single, .multi, .textarea])
        #expect(form.fields.first?.required == true)
        #expect(harness.channelMessages.contains { $0.text.contains("Survey S1") })
        harness.command("convenor", "survey start event-feedback --closes 2d")
        #expect(harness.state.surveys.survey("S2")?.threshold == 5)
        #expect(harness.state.surveys.nextNumber == 3)
    }

    @Test("Unknown templates and thresholds below 3 are refused with what to do")
    func refusals() {
        var harness = Self.community()
        let unknown = harness.command("convenor", "survey start retro")
        #expect(unknown.replyText.contains("There is no survey template 'retro'"))
        #expect(unknown.replyText.contains("community-health"))
        #expect(unknown.replyText.contains("Usage:"))
        let low = harness.command("convenor", "survey start community-health --k 2")
        #expect(low.replyText.contains("at least 3"))
        #expect(harness.state.surveys.surveys.isEmpty)
    }

    @Test("Invalid answers name the field and what to do, and record nothing")
    func validation() {
        var harness = Self.community()
        harness.command("convenor", "survey start community-health --k 3")
        var values = Self.answers(4)
        values["belonging"] = .text("7")
        values["safety"] = nil
        values["rhythm"] = .choices(["sometimes"])
        values["helps"] = .choices(["kudos", "kudos"])
        values["colour"] = .text("blue")
        let outcome = harness.submit("alice", "survey.S1", values)
        let text = outcome.replyText
        #expect(text.contains("belonging: pick one number from 1 to 5."))
        #expect(text.contains("safety: this question needs an answer"))
        #expect(text.contains("rhythm: 'sometimes' is not one of the options"))
        #expect(text.contains("helps: pick each option at most once."))
        #expect(text.contains("colour: this survey has no question 'colour'"))
        #expect(harness.state.surveys.pools["S1"] == nil)
        let problems = harness.state.surveys.problems(formID: "survey.S1", values: values)
        #expect(problems.map(\.field) == ["belonging", "safety", "rhythm", "helps", "colour"])
        #expect(harness.state.surveys.problems(formID: "survey.S1", values: Self.answers(4)).isEmpty)
        let fine = harness.submit("alice", "survey.S1", Self.answers(4))
        #expect(fine.replyText.contains("Thank you"))
    }

    @Test("Answers wait in memory until a batch of k is full, then one journaled fact records them shuffled")
    func pooling() throws {
        var harness = Self.community()
        harness.command("convenor", "survey start community-health --k 3")
        let first = harness.submit("alice", "survey.S1", Self.answers(1))
        #expect(first.facts.allSatisfy { !$0.isJournaled || !"\($0)".contains("survey") })
        harness.submit("bob", "survey.S1", Self.answers(2))
        #expect(harness.state.surveys.pools["S1"]?.count == 2)
        #expect(harness.state.surveys.survey("S1")?.responseCount == 0)
        let third = harness.submit("carol", "survey.S1", Self.answers(3))
        let journaled = third.facts.filter(\.isJournaled)
        let batch = try #require(
            journaled.compactMap { fact -> ([String], [SurveyResponse])? in
                if case .survey(.batchRecorded(_, let tokens, let responses)) = fact { return (tokens, responses) }
                return nil
            }.first)
        #expect(batch.0 == batch.0.sorted())
        #expect(batch.1.count == 3)
        let surveyed = journaled.compactMap { fact -> MemberID? in
            if case .activityRecorded(let member, .survey, _) = fact { return member }
            return nil
        }
        #expect(surveyed == ["alice", "bob", "carol"].map(SurveyHarness.id))
        #expect(harness.state.surveys.pools["S1"] == nil)
        #expect(harness.state.members[SurveyHarness.id("alice")]?.activity.surveys == 1)
        #expect(harness.state.surveys.survey("S1")?.responseCount == 3)
    }

    @Test("Each member answers once, whether their answer is pooled or recorded")
    func oncePerMember() {
        var harness = Self.community()
        harness.command("convenor", "survey start community-health --k 3")
        harness.submit("alice", "survey.S1", Self.answers(1))
        #expect(harness.submit("alice", "survey.S1", Self.answers(2)).replyText.contains("already answered"))
        harness.submit("bob", "survey.S1", Self.answers(2))
        harness.submit("carol", "survey.S1", Self.answers(3))
        #expect(harness.submit("alice", "survey.S1", Self.answers(5)).replyText.contains("already answered"))
        #expect(harness.state.surveys.survey("S1")?.responseCount == 3)
    }

    @Test("Results: nothing but progress while open (convenors only), aggregates of k answers once closed")
    func results() {
        var harness = Self.community()
        harness.command("convenor", "survey start community-health --k 3 --closes 1d")
        #expect(harness.command("alice", "survey results S1").replyText.contains("Only convenors"))
        harness.submit("alice", "survey.S1", Self.answers(1, change: "more talks"))
        harness.submit("bob", "survey.S1", Self.answers(2, change: "fewer talks"))
        harness.submit("carol", "survey.S1", Self.answers(3))
        let open = harness.command("convenor", "survey results S1").replyText
        #expect(open.contains("3 responses recorded so far of 7 invited (k = 3)"))
        #expect(open.contains("Results are shown once, when it closes"))
        #expect(!open.contains("Average") && !open.contains("About right") && !open.contains("talks"))
        #expect(harness.command("bob", "survey list").replyText.contains("S1 \"Community health check\": open"))
        harness.tick(after: 86_400)
        let closed = harness.command("convenor", "survey results S1").replyText
        #expect(closed.contains("Average 2.0 of 5 from 3 answers (1: 1, 2: 1, 3: 1, 4: 0, 5: 0)"))
        #expect(closed.contains("About right: 3"))
        #expect(closed.contains("Mentoring: 3, Kudos: 3"))
        #expect(closed.contains("Hidden: fewer than 3 answers"))
        #expect(!closed.contains("more talks"))
    }

    @Test("At the deadline the survey closes: results posted, key and tokens gone, survey.closed, compaction")
    func close() throws {
        var harness = Self.community()
        harness.command("convenor", "survey start community-health --k 3 --closes 1d")
        for (index, name) in ["alice", "bob", "carol", "dave"].enumerated() {
            harness.submit(name, "survey.S1", Self.answers(index + 1, change: "idea \(name.count)\(index)"))
        }
        #expect(harness.state.surveys.pools["S1"]?.count == 1)
        #expect(!harness.tick(after: 3_600).compactsJournal)
        let outcome = harness.tick(after: 86_400)
        #expect(outcome.compactsJournal)
        let record = try #require(harness.state.surveys.survey("S1"))
        #expect(!record.isOpen)
        #expect(record.key == nil)
        #expect(record.tokens.isEmpty)
        #expect(record.batches.isEmpty)
        #expect(record.responseCount == 4)
        #expect(harness.state.surveys.pools.isEmpty)
        #expect(harness.state.members[SurveyHarness.id("dave")]?.activity.surveys == 1)
        let posted = try #require(harness.channelMessages.last)
        #expect(posted.text.contains("has closed with 4 responses"))
        #expect(posted.text.contains("in random order"))
        #expect(posted.text.contains("idea 50"))
        #expect(harness.state.outbox.allSatisfy { $0.message.form?.id != "survey.S1" })
        let late = harness.submit("erin", "survey.S1", Self.answers(3))
        #expect(late.replyText.contains("has closed"))
        #expect(harness.command("erin", "survey results S1").replyText.contains("closed, 4 responses of 7"))
        #expect(harness.state.surveys.digestLines(since: .distantPast, until: .distantFuture).count == 1)
        #expect(harness.state.surveys.memberDataLines(SurveyHarness.id("alice")).isEmpty)
        // The weekly history notes it for the funders' report, as the round-up reports it: title and responses.
        let analytics = harness.state.analytics
        let noted = analytics.weeks.flatMap(\.counts.roundUp.surveys) + analytics.running.roundUp.surveys
        #expect(noted == [RoundUpRecord.ClosedSurvey(title: record.title, responses: 4)])
    }

    @Test("survey.closed carries surveyId, title and responses for the rules")
    func closedEvent() {
        var harness = Self.community()
        harness.command("convenor", "survey start event-feedback --k 3 --closes 1h")
        let context = FeatureContext(
            reducer: harness.reducer, state: harness.state, now: harness.now.addingTimeInterval(7_200),
            idPrefix: "tick")
        let effects = SurveyDesk.tick(context)
        let event = effects.events.first?.event
        #expect(event?.type == "survey.closed")
        #expect(event?.payload["surveyId"] == .string("S1"))
        #expect(event?.payload["title"] == .string("Event feedback"))
        #expect(event?.payload["responses"] == .int(0))
        #expect(
            Set(event?.payload.keys.map { $0 } ?? [])
                == Set(RuleEventCatalog.entry("survey.closed")?.payloadKeys ?? []))
    }

    @Test("k can be raised while open, never lowered, never changed after close")
    func thresholdOnlyRises() {
        var harness = Self.community()
        harness.command("convenor", "survey start community-health --k 4 --closes 1d")
        let context = { (harness: SurveyHarness) in
            FeatureContext(reducer: harness.reducer, state: harness.state, now: harness.now, idPrefix: "t")
        }
        for lower in [1, 3, 4] {
            guard case .failure(let problem) = SurveyDesk.raiseThreshold("S1", to: lower, context(harness)) else {
                Issue.record("lowering to \(lower) was accepted")
                continue
            }
            #expect(problem.message.contains("can only rise"))
        }
        guard case .success(let effects) = SurveyDesk.raiseThreshold("S1", to: 6, context(harness)) else {
            Issue.record("raising was refused")
            return
        }
        harness.state.apply(effects.facts)
        #expect(harness.state.surveys.survey("S1")?.threshold == 6)
        harness.state.apply(.survey(.thresholdRaised(survey: "S1", threshold: 3)))
        #expect(harness.state.surveys.survey("S1")?.threshold == 6)
        harness.tick(after: 2 * 86_400)
        if case .success = SurveyDesk.raiseThreshold("S1", to: 9, context(harness)) {
            Issue.record("a closed survey's threshold changed")
        }
        if case .success = SurveyDesk.raiseThreshold("S9", to: 9, context(harness)) {
            Issue.record("an unknown survey's threshold changed")
        }
    }

    @Test("A kill -9 keeps pooled answers in the sealed pool: they count at close, and nobody answers twice")
    func killKeepsThePool() {
        var harness = Self.community()
        harness.command("convenor", "survey start community-health --k 3")
        harness.submit("alice", "survey.S1", Self.answers(1))
        harness.submit("bob", "survey.S1", Self.answers(2))
        // The journal alone holds neither answer nor token: without the pool file both would be gone.
        #expect(harness.journalOnlyState().surveys.pools.isEmpty)
        let image = harness.pools[CommunityState.surveyPool("S1")]
        #expect(image?.tokens.count == 2)
        #expect(image?.tokens == image?.tokens.sorted())
        #expect(jsonText(image).contains("alice") == false)
        var killed = harness
        killed.state = harness.restartedState()
        #expect(killed.state.surveys.pools["S1"]?.count == 2)
        #expect(killed.submit("alice", "survey.S1", Self.answers(1)).replyText.contains("already answered"))
        // A graceful stop writes no small batch any more: the pool file already holds the answers.
        #expect(killed.shutdown().facts.isEmpty)
        killed.submit("carol", "survey.S1", Self.answers(3))
        #expect(killed.pools[CommunityState.surveyPool("S1")] == nil, "a flushed pool leaves no file")
        #expect(killed.state.surveys.survey("S1")?.responseCount == 3)
        // Restored answers name nobody, so only the member who completed the batch has their activity counted.
        #expect(killed.state.members[SurveyHarness.id("bob")]?.activity.surveys == 0)
        #expect(killed.state.members[SurveyHarness.id("carol")]?.activity.surveys == 1)
        var again = killed
        again.state = killed.restartedState()
        #expect(again.state.surveys.pools["S1"] == nil)
        #expect(again.submit("bob", "survey.S1", Self.answers(2)).replyText.contains("already answered"))
    }

    @Test("A pool file older than the journal's last batch is ignored; one of a closed survey has no key")
    func stalePoolFiles() {
        var harness = Self.community()
        harness.command("convenor", "survey start community-health --k 3")
        harness.submit("alice", "survey.S1", Self.answers(1))
        harness.submit("bob", "survey.S1", Self.answers(2))
        let stale = harness.pools[CommunityState.surveyPool("S1")]
        harness.submit("carol", "survey.S1", Self.answers(3))
        // A crash after the batch's record but before the pool file was removed leaves the old file behind.
        if let stale {
            #expect(harness.state.restoring(pool: CommunityState.surveyPool("S1"), image: stale) == nil)
        } else {
            Issue.record("two answers of three left no pool file")
        }
        #expect(harness.state.sealingKey(pool: CommunityState.surveyPool("S1")) != nil)
        harness.tick(after: 8 * 86_400)
        #expect(harness.state.sealingKey(pool: CommunityState.surveyPool("S1")) == nil)
        #expect(harness.state.sealingKey(pool: CommunityState.surveyPool("S9")) == nil)
        #expect(harness.state.surveys.survey("S1")?.results?.responses == 3)
    }

    @Test("The survey.start rule action opens a survey; an unknown template is logged, not thrown")
    func ruleAction() {
        let harness = Self.community()
        let context = FeatureContext(reducer: harness.reducer, state: harness.state, now: harness.now, idPrefix: "r")
        let effect = RuleEffect(
            ruleID: "quarterly", runID: "quarterly#1", cause: ["quarterly"], member: nil,
            action: .startSurvey(survey: "needs-assessment"))
        let done = SurveyDesk.perform(effect, context)
        #expect(done.facts.contains { if case .survey(.opened(let record)) = $0 { record.id == "S1" } else { false } })
        #expect(done.notes.contains { $0.contains("opened survey S1") })
        let missing = RuleEffect(
            ruleID: "quarterly", runID: "quarterly#2", cause: ["quarterly"], member: nil,
            action: .startSurvey(survey: "nope"))
        let failed = SurveyDesk.perform(missing, context)
        #expect(failed.facts.isEmpty)
        #expect(failed.notes.first?.contains("could not open survey 'nope'") == true)
    }

    @Test("Config templates and batch sizes apply; batches are never smaller than k")
    func settings() {
        let custom = SurveyTemplate(
            id: "pulse", title: "Pulse",
            questions: [SurveyQuestion(id: "mood", text: "Mood?", kind: .scale, required: true)])
        var settings = CommunitySettings.defaults
        settings.surveys = SurveySettings(
            templates: SurveyTemplateLibrary.builtIn + [custom], threshold: 3, batchSize: 2)
        var harness = Self.community(settings: settings)
        harness.command("convenor", "survey start pulse")
        harness.submit("alice", "survey.S1", ["mood": .text("3")])
        harness.submit("bob", "survey.S1", ["mood": .text("4")])
        #expect(harness.state.surveys.pools["S1"]?.count == 2)
        harness.submit("carol", "survey.S1", ["mood": .text("5")])
        #expect(harness.state.surveys.survey("S1")?.responseCount == 3)
    }
}
