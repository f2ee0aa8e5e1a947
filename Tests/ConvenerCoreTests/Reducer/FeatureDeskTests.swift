import Foundation
import Testing

@testable import ConvenerCore

/// The five feature desks are registered once, and what each owns (buttons, forms, rule actions) is one desk's.
@Suite("Feature desks")
struct FeatureDeskTests {
    @Test("The list holds each desk once, in tick order")
    func registration() {
        let names = FeatureDesks.all.map { String(describing: $0) }
        #expect(names == ["PollDesk", "FeedbackDesk", "SurveyDesk", "PairingDesk", "EngagementDesk"])
    }

    @Test("Buttons and forms reach the desk that made them")
    func ownership() {
        #expect(FeatureDesks.owningAction("poll").map { String(describing: $0) } == "PollDesk")
        #expect(FeatureDesks.owningAction("feedback").map { String(describing: $0) } == "FeedbackDesk")
        #expect(FeatureDesks.owningAction("pair").map { String(describing: $0) } == "PairingDesk")
        #expect(FeatureDesks.owningAction("survey") == nil)
        #expect(FeatureDesks.owningForm("survey").map { String(describing: $0) } == "SurveyDesk")
        #expect(FeatureDesks.owningForm("feedback").map { String(describing: $0) } == "FeedbackDesk")
        #expect(FeatureDesks.owningForm("poll") == nil)
    }

    @Test("Each rule action a feature carries out has exactly one desk")
    func ruleActions() {
        let actions: [(RuleEffectAction, String)] = [
            (
                .startPoll(question: "Q", options: ["A", "B"], maxChoices: 1, anonymous: false, closesAfter: nil),
                "PollDesk"
            ),
            (.startSurvey(survey: "pulse"), "SurveyDesk"),
            (.pairingRound(kind: .coffee), "PairingDesk"),
            (.postDigest(days: 7), "EngagementDesk"),
        ]
        for (action, desk) in actions {
            #expect(FeatureDesks.all.filter { $0.performs(action) }.count == 1)
            #expect(FeatureDesks.performing(action).map { String(describing: $0) } == desk)
        }
        #expect(FeatureDesks.performing(.postPrompt(theme: nil)) == nil)
    }
}
