import Foundation
import Testing

@testable import ConvenerCore

@Suite("Surveys: bounded history")
struct SurveyRetentionTests {
    @Test("Only the newest closed surveys are kept with their results")
    func closedSurveysAreBounded() {
        let reducer = CommunityReducer(
            profile: CommunityProfile(id: "c", name: "Craft", convenors: ["convenor"]), randomness: .seeded(5))
        var rules = RuleEngineState()
        var state = CommunityState()
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        for round in 1...(SurveyBook.closedLimit + 1) {
            let input = Input(
                id: "in\(round)", member: MemberID(platform: "playground", user: "convenor"),
                displayName: "convenor", event: .command("survey start pulse --closes 1h --k 3"))
            state.apply(reducer.reduce(state, input, rules: &rules, now: now).facts)
            now = now.addingTimeInterval(3_601)
            state.apply(reducer.reduceTick(state, rules: &rules, now: now).facts)
        }
        #expect(state.surveys.surveys.count == SurveyBook.closedLimit)
        #expect(state.surveys.survey("S1") == nil && state.surveys.survey("S2") != nil)
        #expect(state.surveys.surveys.allSatisfy { !$0.isOpen })
    }
}
