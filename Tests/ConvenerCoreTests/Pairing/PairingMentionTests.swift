import Foundation
import Testing

@testable import ConvenerCore

@Suite("Pairing: not-with mentions")
struct PairingMentionTests {
    @Test("On a chat platform, `pair not @typo` names nobody and stores nothing")
    func unknownNameIsRefused() {
        let reducer = CommunityReducer(profile: CommunityProfile(id: "c", name: "Craft", convenors: ["convenor"]))
        var rules = RuleEngineState()
        let ana = MemberID(platform: "slack", user: "U0ANA")
        let input = Input(id: "in1", member: ana, displayName: "ana", event: .command("pair not @nobodyy"))
        let outcome = reducer.reduce(CommunityState(), input, rules: &rules, now: Date(timeIntervalSince1970: 0))
        #expect(outcome.replies.first?.text.hasPrefix("I don't know anyone called @nobodyy") == true)
        #expect(!outcome.facts.contains { if case .pairing = $0 { true } else { false } })
    }
}
