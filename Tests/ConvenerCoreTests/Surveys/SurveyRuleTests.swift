import Foundation
import Testing

@testable import ConvenerCore

@Suite("Survey rules")
struct SurveyRuleTests {
    func engine(_ specs: [RuleSpec]) throws -> RuleEngine {
        switch RuleCompiler.compile(specs) {
        case .success(let rules): return RuleEngine(rules: rules)
        case .failure(let problems): throw problems
        }
    }

    @Test("A rule's survey.start opens a survey; survey.closed reaches rules with its payload")
    func startAndClosed() throws {
        let rules = try engine([
            RuleSpec(
                id: "kick-off", trigger: .event("message.posted"), conditions: ["member.isConvenor"],
                actions: [.startSurvey(survey: "event-feedback")]),
            RuleSpec(
                id: "thanks", trigger: .event("survey.closed"),
                actions: [
                    .post(
                        text: RuleTemplate(
                            "Thanks! {{ event.payload.surveyId }} ({{ event.payload.title }}) got "
                                + "{{ event.payload.responses }} responses."),
                        channel: nil)
                ]),
        ])
        var harness = SurveyHarness(rules: rules)
        for name in ["alice", "bob", "carol"] { harness.send(name, .message("hi")) }
        #expect(harness.state.surveys.surveys.isEmpty)
        harness.send("convenor", .message("time for feedback"))
        let record = try #require(harness.state.surveys.survey("S1"))
        #expect(record.template.id == "event-feedback")
        #expect(record.threshold == 5)
        #expect(harness.directMessages(to: "alice").contains { $0.form?.id == "survey.S1" })
        let values: [String: FormValue] = [
            "overall": .text("4"), "useful": .text("5"), "length": .choices(["about-right"]),
        ]
        for name in ["alice", "bob", "carol"] { harness.submit(name, "survey.S1", values) }
        harness.tick(after: 8 * 86_400)
        #expect(harness.channelMessages.contains { $0.text == "Thanks! S1 (Event feedback) got 3 responses." })
        #expect(harness.channelMessages.contains { $0.text.contains("fewer than 5, so no results are shown") })
    }
}
