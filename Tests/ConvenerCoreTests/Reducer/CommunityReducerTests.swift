import Foundation
import Testing

@testable import ConvenerCore

@Suite("Community reducer")
struct CommunityReducerTests {
    let profile = CommunityProfile(id: "test", name: "Test Community", convenors: ["convenor", "slack:U1"])
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    func input(_ member: String, _ event: InputEvent, id: String = "in-1") -> Input {
        Input(id: id, member: MemberID(platform: "playground", user: member), displayName: member, event: event)
    }

    func run(_ inputs: [Input], from state: CommunityState = CommunityState()) -> (CommunityState, [Outcome]) {
        var state = state
        var rules = state.ruleEngineState
        var outcomes: [Outcome] = []
        for (offset, input) in inputs.enumerated() {
            let outcome = CommunityReducer(profile: profile)
                .reduce(state, input, rules: &rules, now: start.addingTimeInterval(Double(offset * 60)))
            state.apply(outcome.facts)
            outcomes.append(outcome)
        }
        return (state, outcomes)
    }

    @Test("A first message makes a member and counts as activity, with no reply")
    func firstMessageJoins() {
        let (state, outcomes) = run([input("alice", .message("hello"))])
        let alice = MemberID(platform: "playground", user: "alice")
        #expect(outcomes[0].replies.isEmpty)
        #expect(outcomes[0].facts.first == .memberJoined(member: alice, displayName: "alice", at: start))
        #expect(state.members[alice]?.activity.messages == 1)
        #expect(state.members[alice]?.joinedAt == start)
    }

    @Test("Later activity moves lastActiveAt and never re-joins")
    func laterActivity() {
        let (state, outcomes) = run([input("bob", .message("a")), input("bob", .message("b"))])
        let bob = MemberID(platform: "playground", user: "bob")
        #expect(outcomes[1].facts == [.activityRecorded(member: bob, kind: .message, at: start.addingTimeInterval(60))])
        #expect(state.members[bob]?.lastActiveAt == start.addingTimeInterval(60))
        #expect(state.members[bob]?.activity.messages == 2)
    }

    @Test("`help` answers privately with the overview; reply ids derive from the input id")
    func help() {
        let (_, outcomes) = run([input("alice", .command("help"), id: "abc")])
        let reply = outcomes[0].replies
        #expect(reply.count == 1)
        #expect(reply.first?.id == "abc.1")
        #expect(reply.first?.isEphemeral == true)
        #expect(reply.first?.text == CommandHelp.overview)
    }

    @Test("`me` shows the stored record including the command being typed")
    func me() {
        let (_, outcomes) = run([input("alice", .message("hi")), input("alice", .command("me"))])
        let text = outcomes[1].replies.first?.text ?? ""
        #expect(text.contains("playground:alice"))
        #expect(text.contains("1 message,"))
        #expect(text.contains("1 command"))
        #expect(text.contains("role: member"))
    }

    @Test("Convenors are recognised by playground name and by platform id")
    func convenors() {
        #expect(profile.isConvenor(MemberID(platform: "playground", user: "convenor")))
        #expect(profile.isConvenor(MemberID(platform: "slack", user: "U1")))
        #expect(!profile.isConvenor(MemberID(platform: "slack", user: "convenor")))
        let (_, outcomes) = run([input("convenor", .command("me"))])
        #expect(outcomes[0].replies.first?.text.contains("role: convenor") == true)
    }

    @Test("Convenor-only commands are refused to members, without any state change beyond activity")
    func convenorOnly() {
        let (_, outcomes) = run([input("alice", .command("digest preview"))])
        #expect(outcomes[0].replies.first?.text.contains("Only the convenors") == true)
        let (_, allowed) = run([input("convenor", .command("digest preview"))])
        #expect(allowed[0].replies.first?.text.hasPrefix("🗞️ Round-up of") == true)
    }

    @Test("Parse errors come back as a private reply with the usage")
    func parseError() {
        let (_, outcomes) = run([input("alice", .command("kudos"))])
        let text = outcomes[0].replies.first?.text ?? ""
        #expect(text.contains("Usage:"))
        #expect(outcomes[0].replies.first?.isEphemeral == true)
    }

    @Test("`me forget` asks first; the confirm button deletes the member")
    func forget() {
        let alice = MemberID(platform: "playground", user: "alice")
        let (asked, outcomes) = run([input("alice", .message("hi")), input("alice", .command("me forget"))])
        let question = outcomes[1].replies.first
        #expect(asked.members[alice] != nil)
        #expect(question?.actions.map(\.id) == [MemberDataView.confirmForgetAction, MemberDataView.keepDataAction])
        let click = input("alice", .action(messageID: question?.id ?? "", actionID: MemberDataView.confirmForgetAction))
        let (after, confirmed) = run([click], from: asked)
        #expect(confirmed[0].facts.last == .memberForgotten(member: alice))
        #expect(after.members[alice] == nil)
    }

    @Test("`me forget confirm` deletes at once; `keep` keeps")
    func forgetConfirmAndKeep() {
        let alice = MemberID(platform: "playground", user: "alice")
        let (kept, _) = run([
            input("alice", .message("hi")),
            input("alice", .action(messageID: "x", actionID: MemberDataView.keepDataAction)),
        ])
        #expect(kept.members[alice] != nil)
        let (gone, _) = run([input("alice", .command("me forget confirm"))], from: kept)
        #expect(gone.members[alice] == nil)
    }

    @Test("Unknown buttons and closed forms change nothing but activity")
    func staleInteractions() {
        let (_, outcomes) = run([
            input("alice", .action(messageID: "m", actionID: "nope")),
            input("alice", .form(formID: "f", values: [:])),
        ])
        #expect(outcomes[0].replies.first?.text.contains("no longer open") == true)
        #expect(outcomes[1].replies.first?.text.contains("no longer open") == true)
    }

    @Test("State round-trips through JSON with member ids as object keys")
    func codable() throws {
        let (state, _) = run([input("alice", .message("hi")), input("bob", .command("me"))])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(state)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""playground:alice":{"#))
        #expect(try JSONDecoder().decode(CommunityState.self, from: data) == state)
    }

    @Test("Outbox entries queue and settle")
    func outbox() {
        var state = CommunityState()
        let message = OutboundMessage(id: "m1", audience: .channel, text: "hello")
        state.apply(.messageQueued(OutboxEntry(message: message, queuedAt: start)))
        #expect(state.outbox.map(\.message.id) == ["m1"])
        state.apply(.messageSettled(id: "m1", at: start))
        #expect(state.outbox.isEmpty)
    }
}
