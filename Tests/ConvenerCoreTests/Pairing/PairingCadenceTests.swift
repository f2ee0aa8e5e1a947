import Foundation
import Testing

@testable import ConvenerCore

@Suite("Pairing cadence, follow-ups and rules")
struct PairingCadenceTests {
    typealias F = PairingFixture
    /// 2026-01-05 09:00:05 UTC, just after the default coffee cadence (Mondays 09:00).
    let nine = F.start.addingTimeInterval(3605)

    func joined(_ reducer: CommunityReducer, _ names: [String]) -> CommunityState {
        var state = CommunityState()
        for name in names { F.send(reducer, &state, name, .command("pair join --interests testing")) }
        return state
    }

    func roundTrip(_ state: CommunityState) throws -> CommunityState {
        try JSONDecoder().decode(CommunityState.self, from: JSONEncoder().encode(state))
    }

    @Test("The cadence runs a round once, not again after a restart (JSON round trip), and not before it is due")
    func cadenceOnce() throws {
        let reducer = try F.reducer()
        var state = joined(reducer, ["ann", "ben", "cat", "dan"])
        let anchor = F.tick(reducer, &state, at: F.start)
        #expect(F.rounds(anchor.facts).isEmpty)
        #expect(state.pairing.lastRun["coffee"] == F.start)
        // Nothing is due before 09:00: no facts at all.
        #expect(F.tick(reducer, &state, at: F.start.addingTimeInterval(1800)).facts.isEmpty)
        let due = F.tick(reducer, &state, at: nine)
        let rounds = F.rounds(due.facts)
        #expect(rounds.count == 1)
        #expect(rounds.first?.program == "coffee")
        #expect(F.directMessages(due.facts).count == 4)
        #expect(due.notes.contains { $0.contains("pairing round 1 (coffee, cadence 0 9 * * MON): seed") })
        state = try roundTrip(state)
        #expect(F.rounds(F.tick(reducer, &state, at: nine.addingTimeInterval(5)).facts).isEmpty)
        #expect(F.rounds(F.tick(reducer, &state, at: nine.addingTimeInterval(86_400)).facts).isEmpty)
        // A week later the next one runs.
        #expect(F.rounds(F.tick(reducer, &state, at: nine.addingTimeInterval(7 * 86_400)).facts).count == 1)
    }

    @Test("After a long outage only one missed round is caught up")
    func catchUpOne() throws {
        let reducer = try F.reducer()
        var state = joined(reducer, ["ann", "ben"])
        F.tick(reducer, &state, at: F.start)
        let late = F.tick(reducer, &state, at: F.start.addingTimeInterval(30 * 86_400))
        #expect(F.rounds(late.facts).filter { $0.program == "coffee" }.count == 1)
        let next = F.tick(reducer, &state, at: F.start.addingTimeInterval(30 * 86_400 + 60))
        #expect(F.rounds(next.facts).isEmpty)
    }

    @Test("A schedule rule running pairing.round sets the rhythm: one round, not two, when both are due")
    func ruleTakesOver() throws {
        let rule = RuleSpec(
            id: "pairing-round", trigger: .schedule(cron: "0 9 * * MON", timeZone: nil),
            actions: [.pairingRound(kind: .coffee)])
        let reducer = try F.reducer(rules: [rule])
        var state = joined(reducer, ["ann", "ben", "cat"])
        F.tick(reducer, &state, at: F.start)
        let due = F.tick(reducer, &state, at: nine)
        let rounds = F.rounds(due.facts)
        #expect(rounds.count == 1)
        #expect(due.notes.contains { $0.contains("rule pairing-round") })
        #expect(rounds.first?.groups.map(\.members.count) == [3])
        state = try roundTrip(state)
        #expect(F.rounds(F.tick(reducer, &state, at: nine.addingTimeInterval(10)).facts).isEmpty)
    }

    @Test("\"Did you meet?\" follows after the configured days; answers count, once, and feed the round-up")
    func followUp() throws {
        let reducer = try F.reducer()
        var state = joined(reducer, ["ann", "ben", "cat", "dan"])
        F.tick(reducer, &state, at: F.start)
        F.tick(reducer, &state, at: nine)
        #expect(F.directMessages(F.tick(reducer, &state, at: nine.addingTimeInterval(3 * 86_400)).facts).isEmpty)
        let asked = F.tick(reducer, &state, at: nine.addingTimeInterval(4 * 86_400))
        let questions = F.directMessages(asked.facts)
        #expect(questions.count == 4)
        #expect(questions.allSatisfy { $0.1.actions.map(\.id) == ["pair.met.1.yes", "pair.met.1.no"] })
        #expect(F.directMessages(F.tick(reducer, &state, at: nine.addingTimeInterval(5 * 86_400)).facts).isEmpty)
        let round = try #require(state.pairing.round(1))
        let first = round.groups[0].members[0]
        let second = round.groups[1].members[0]
        let yes = F.send(reducer, &state, first.user, .action(messageID: "m", actionID: "pair.met.1.yes"))
        #expect(yes.facts.contains(.activityRecorded(member: first, kind: .meeting, at: F.start)))
        #expect(state.members[first]?.activity.meetings == 1)
        let twice = F.send(reducer, &state, first.user, .action(messageID: "m", actionID: "pair.met.1.yes"))
        #expect(twice.replies.first?.text.contains("already answered") == true)
        #expect(state.members[first]?.activity.meetings == 1)
        F.send(reducer, &state, second.user, .action(messageID: "m", actionID: "pair.met.1.no"))
        let lines = state.pairing.digestLines(since: F.start, until: nine.addingTimeInterval(7 * 86_400))
        #expect(lines == ["Coffee round 1: 1 of 2 pairs met"])
        let stranger = F.send(reducer, &state, "zed", .action(messageID: "m", actionID: "pair.met.1.yes"))
        #expect(stranger.replies.first?.text.contains("not part of") == true)
        let data = state.pairing.memberDataLines(first)
        #expect(data.contains { $0.hasPrefix("Pairing profile: taking part, role peer, interests testing") })
        #expect(
            data.contains { $0.hasPrefix("Pairing rounds you were in: 1 (coffee, with ") && $0.hasSuffix(", met)") })
    }

    @Test("The pairing.round rule action runs every program of its kind and raises pairing.completed for rules")
    func ruleAction() throws {
        let start = RuleSpec(
            id: "go", trigger: .event("custom.go"), actions: [.pairingRound(kind: .mentorship)])
        let announce = RuleSpec(
            id: "announce", trigger: .event("pairing.completed"),
            actions: [
                .post(
                    text: RuleTemplate("Round {{ event.payload.roundId }}: {{ event.payload.pairs }} pairs"),
                    channel: nil)
            ])
        let reducer = try F.reducer(rules: [start, announce])
        var state = CommunityState()
        F.send(reducer, &state, "mia", .command("pair join --role mentor --capacity 2"))
        F.send(reducer, &state, "ned", .command("pair join --role mentee"))
        F.send(reducer, &state, "ola", .command("pair join --role mentee"))
        F.send(reducer, &state, "pat", .command("pair join"))
        let context = FeatureContext(reducer: reducer, state: state, now: nine, idPrefix: "x")
        let effect = RuleEffect(
            ruleID: "go", runID: "go#1", cause: ["go"], member: nil,
            action: .pairingRound(kind: .mentorship))
        var rules = state.ruleEngineState
        var runner = RuleRunner(reducer: reducer, idPrefix: "x", member: nil, state: state, now: nine)
        let done = PairingDesk.perform(effect, context)
        let facts = done.facts + runner.run(done.events, actingMember: nil, state: state, ruleState: &rules)
        let round = try #require(F.rounds(facts).first)
        #expect(round.program == "mentorship")
        #expect(round.groups.map(\.members) == [[F.id("mia"), F.id("ned")], [F.id("mia"), F.id("ola")]])
        let posts = facts.compactMap { fact -> String? in
            if case .messageQueued(let entry) = fact, entry.message.audience == .channel { return entry.message.text }
            return nil
        }
        #expect(posts == ["Round 1: 2 pairs"])
    }
}

@Suite("Pairing state")
struct PairingStateTests {
    @Test("A state written before pairing existed (an empty pairing object) still decodes")
    func emptyBook() throws {
        let book = try JSONDecoder().decode(PairingBook.self, from: Data("{}".utf8))
        #expect(book == PairingBook())
        #expect(book.nextRoundNumber == 1)
    }
}

@Suite("Pairing rounds that cannot happen")
struct PairingEmptyRoundTests {
    typealias F = PairingFixture

    @Test("A mentorship round without mentors records nothing and messages nobody, only a note")
    func noMentors() throws {
        let reducer = try F.reducer()
        var state = CommunityState()
        for name in ["ann", "ben", "cat"] { F.send(reducer, &state, name, .command("pair join --role mentee")) }
        let context = FeatureContext(reducer: reducer, state: state, now: F.start, idPrefix: "x")
        let effects = PairingRoundMaker.run(
            program: PairingSettings.defaults.programs[1], number: 1, seed: 1, trigger: "test", context)
        #expect(effects.facts == [.pairing(.programAnchored(program: "mentorship", at: F.start))])
        #expect(effects.notes == ["pairing mentorship: no round (test), no two of the 3 members may meet"])
    }
}
