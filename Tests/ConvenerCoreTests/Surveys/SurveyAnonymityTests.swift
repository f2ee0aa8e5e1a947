import Foundation
import Testing

@testable import ConvenerCore

@Suite("Survey anonymity")
struct SurveyAnonymityTests {
    /// A small template with every kind of question, two of them optional.
    static let template = SurveyTemplate(
        id: "mixed", title: "Mixed",
        questions: [
            SurveyQuestion(id: "score", text: "Score?", kind: .scale, required: true),
            SurveyQuestion(
                id: "pick", text: "Pick one", kind: .single, required: true,
                options: ["Red", "Green", "Blue"].map(SurveyOption.init(label:))),
            SurveyQuestion(
                id: "many", text: "Pick any", kind: .multi,
                options: ["Tea", "Coffee", "Water"].map(SurveyOption.init(label:))),
            SurveyQuestion(id: "say", text: "Say something", kind: .text),
        ])

    static var settings: CommunitySettings {
        var settings = CommunitySettings.defaults
        settings.surveys = SurveySettings(templates: [template])
        return settings
    }

    /// A random answer; optional questions are skipped about half the time.
    static func randomAnswers(_ generator: inout some RandomNumberGenerator) -> [String: FormValue] {
        var values: [String: FormValue] = [
            "score": .text("\(Int.random(in: 1...5, using: &generator))"),
            "pick": .choices([["red", "green", "blue"].randomElement(using: &generator) ?? "red"]),
        ]
        if Bool.random(using: &generator) {
            values["many"] = .choices(["tea", "coffee", "water"].filter { _ in Bool.random(using: &generator) })
        }
        if Bool.random(using: &generator) {
            values["say"] = .text("words \(Int.random(in: 0...999, using: &generator))")
        }
        return values
    }

    /// Every number that counts answers behind a shown aggregate ("from N answers", "(N answers").
    static func coveredCounts(_ text: String) -> [Int] {
        let pattern = #/(?:from |\()(\d+) answers/#
        return text.matches(of: pattern).compactMap { Int($0.output.1) }
    }

    @Test("Property: over many random surveys, no shown aggregate ever covers fewer than k answers", arguments: 0..<4)
    func noAggregateBelowK(round: Int) {
        var generator = CommunityRandomness.seeded(UInt64(1_000 + round)).generator
        var shown = 0
        for _ in 0..<25 {
            let k = Int.random(in: 3...6, using: &generator)
            let memberCount = Int.random(in: 0...16, using: &generator)
            let names = (0..<memberCount).map { "m\($0)" }
            var harness = SurveyHarness(settings: Self.settings, seed: generator.next())
            for name in ["convenor"] + names { harness.send(name, .message("hi")) }
            harness.command("convenor", "survey start mixed --k \(k) --closes 2d")
            var texts: [String] = []
            for name in names.shuffled(using: &generator) {
                if Int.random(in: 0..<4, using: &generator) == 0 { continue }
                harness.submit(name, "survey.S1", Self.randomAnswers(&generator))
                if Bool.random(using: &generator) {
                    texts.append(harness.command("convenor", "survey results S1").replyText)
                }
                if Int.random(in: 0..<6, using: &generator) == 0 { harness.shutdown() }
            }
            texts.append(harness.command("convenor", "survey results S1").replyText)
            harness.tick(after: 3 * 86_400)
            texts.append(harness.command("convenor", "survey results S1").replyText)
            texts += harness.channelMessages.map(\.text)
            texts += harness.state.surveys.digestLines(since: .distantPast, until: .distantFuture)
            for text in texts {
                for count in Self.coveredCounts(text) {
                    shown += 1
                    #expect(count >= k, "k = \(k): \(text)")
                }
            }
            let results = harness.state.surveys.survey("S1")?.results
            for question in results?.questions ?? [] where question.isShown {
                #expect((question.answered ?? 0) >= k)
                #expect((question.texts?.count ?? k) >= k)
            }
        }
        #expect(shown > 20, "the surveys showed too few aggregates to test anything")
    }

    @Test("After close, neither the encoded state nor any survey fact puts a participant next to the survey id")
    func nothingLinksAfterClose() throws {
        var harness = SurveyHarness(settings: Self.settings, seed: 42)
        let names = (0..<9).map { "member\($0)" }
        for name in ["convenor"] + names { harness.send(name, .message("hi")) }
        harness.command("convenor", "survey start mixed --k 3 --closes 1d")
        var generator = CommunityRandomness.seeded(9).generator
        let participants = Array(names.prefix(7))
        for name in participants { harness.submit(name, "survey.S1", Self.randomAnswers(&generator)) }
        harness.tick(after: 2 * 86_400)
        // Closing drops the invitations still waiting in the outbox.
        let state = harness.state
        let ids = participants.map { SurveyHarness.id($0).rawValue }
        let surveysJSON = jsonText(state.surveys)
        for id in ids { #expect(!surveysJSON.contains(id)) }
        #expect(!surveysJSON.contains("\"key\""))
        #expect(!surveysJSON.contains("\"tokens\":[\""))
        for entry in state.outbox + state.deadLetters.map({ OutboxEntry(message: $0.message, queuedAt: $0.at) }) {
            let text = jsonText(entry)
            if text.contains("S1") { for id in ids { #expect(!text.contains(id)) } }
        }
        let record = try #require(state.surveys.survey("S1"))
        #expect(record.key == nil && record.tokens.isEmpty && record.batches.isEmpty)
        // Journaled facts: survey facts never name a member; the only facts naming both a participant and the
        // survey are the invitations, identical for every member whether they answered or not.
        var invitationTexts: Set<String> = []
        for fact in harness.journal {
            let text = jsonText(fact)
            guard ids.contains(where: text.contains), text.contains("S1") else { continue }
            guard case .messageQueued(let entry) = fact, entry.message.form?.id == "survey.S1" else {
                Issue.record("a journaled fact links a participant to S1: \(text)")
                continue
            }
            invitationTexts.insert(entry.message.text)
        }
        #expect(invitationTexts.count == 1)
        for line in harness.log { for id in ids { #expect(!line.contains(id)) } }
        for fact in harness.journal {
            guard case .survey(let survey) = fact else { continue }
            let text = jsonText(survey)
            for id in ids { #expect(!text.contains(id)) }
        }
    }

    @Test("The in-memory pool is never encoded into the state")
    func poolNotEncoded() throws {
        var harness = SurveyHarness(settings: Self.settings, seed: 5)
        for name in ["convenor", "ann", "ben"] { harness.send(name, .message("hi")) }
        harness.command("convenor", "survey start mixed --k 3")
        harness.submit("ann", "survey.S1", ["score": .text("2"), "pick": .choices(["red"]), "say": .text("secret")])
        #expect(harness.state.surveys.pools["S1"]?.count == 1)
        let data = try JSONEncoder().encode(harness.state)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("secret"))
        #expect(!text.contains("pools"))
        let decoded = try JSONDecoder().decode(CommunityState.self, from: data)
        #expect(decoded.surveys.pools.isEmpty)
        #expect(decoded.surveys.survey("S1")?.key == harness.state.surveys.survey("S1")?.key)
    }
}
