import Foundation
import Testing

@testable import ConvenerCore

@Suite("Forgetting a member touches only that member")
struct ForgetScopeTests {
    @Test("Forgetting playground:al keeps playground:alice's queued messages and dead letters")
    func prefixIsNotAMatch() {
        let al = MemberID(platform: "playground", user: "al")
        let alice = MemberID(platform: "playground", user: "alice")
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var state = CommunityState()
        state.apply(.memberJoined(member: al, displayName: "Al", at: now))
        state.apply(.memberJoined(member: alice, displayName: "Alice", at: now))
        for (id, member) in [("inactive.playground:al.1.r1", al), ("inactive.playground:alice.1.r1", alice)] {
            let message = OutboundMessage(id: id, audience: .channel, text: "miss you, \(member.user)")
            state.apply(.messageQueued(OutboxEntry(message: message, queuedAt: now)))
        }
        state.apply(.memberForgotten(member: al))
        #expect(state.outbox.map(\.message.id) == ["inactive.playground:alice.1.r1"])
        #expect(state.members[alice] != nil && state.members[al] == nil)
    }

    @Test(
        "A message id names a member only as a whole part",
        arguments: [
            ("inactive.playground:al.17.r1", true), ("slack inactive.playground:al.17.r1", true),
            ("playground:al", true), ("inactive.playground:alice.17.r1", false), ("xplayground:al.1", false),
        ])
    func wholeParts(id: String, names: Bool) {
        #expect(CommunityState.id(id, names: MemberID(platform: "playground", user: "al")) == names)
    }
}

@Suite("Leaving")
struct LeavingTests {
    @Test("A member the community never saw leaves no trace: no welcome, no farewell, nothing stored")
    func unknownMemberLeaving() {
        let reducer = CommunityReducer(profile: CommunityProfile(id: "c", name: "Craft", convenors: ["convenor"]))
        var rules = RuleEngineState()
        let input = Input(
            id: "slack.ev.1", member: MemberID(platform: "slack", user: "U1"), displayName: "U1", event: .left)
        let outcome = reducer.reduce(CommunityState(), input, rules: &rules, now: Date(timeIntervalSince1970: 0))
        #expect(outcome == Outcome())
    }
}
