import Foundation
import Testing

@testable import ConvenerCore

@Suite("Polls: bounded history")
struct PollRetentionTests {
    @Test("Only the newest closed polls are kept; open ones are never dropped")
    func closedPollsAreBounded() {
        let reducer = CommunityReducer(
            profile: CommunityProfile(id: "c", name: "Craft", convenors: ["convenor"]), randomness: .seeded(3))
        var rules = RuleEngineState()
        var state = CommunityState()
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        func run(_ text: String) {
            let input = Input(
                id: "in\(Int(now.timeIntervalSince1970))", member: MemberID(platform: "playground", user: "convenor"),
                displayName: "convenor", event: .command(text))
            state.apply(reducer.reduce(state, input, rules: &rules, now: now).facts)
            now = now.addingTimeInterval(1)
        }
        run(#"poll "Still open?" "Yes" "No""#)
        for number in 2...(PollBook.closedLimit + 2) {
            run(#"poll "Lunch?" "Pizza" "Sushi""#)
            run("poll close P\(number)")
        }
        #expect(state.polls.closedIDs.count == PollBook.closedLimit)
        #expect(state.polls["P2"] == nil)
        #expect(state.polls["P3"] != nil && state.polls["P\(PollBook.closedLimit + 2)"] != nil)
        #expect(state.polls["P1"]?.isOpen == true)
    }
}
