import Foundation
import Testing

@testable import ConvenerCore

/// A community driven through the real reducer, with a clock the test moves and a JSON round trip for restarts.
struct PollHarness {
    static let profile = CommunityProfile(id: "test", name: "Test Community", convenors: ["convenor"])
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    var reducer: CommunityReducer
    var state = CommunityState()
    var ruleState = RuleEngineState()
    var now = PollHarness.start
    /// Every outcome so far, oldest first.
    var outcomes: [Outcome] = []
    private var inputs = 0

    init(rules: [RuleSpec] = [], settings: CommunitySettings = .defaults, seed: UInt64 = 7) throws {
        let engine: RuleEngine
        switch RuleCompiler.compile(rules) {
        case .success(let compiled): engine = RuleEngine(rules: compiled)
        case .failure(let problems): throw problems
        }
        reducer = CommunityReducer(
            profile: Self.profile, rules: engine, settings: settings, randomness: .seeded(seed))
    }

    static func id(_ name: String) -> MemberID { MemberID(platform: "playground", user: name) }

    /// Types `/cop TEXT` as `member`; returns the replies' texts.
    @discardableResult
    mutating func say(_ member: String, _ text: String) -> [String] {
        run(member, .command(text)).replies.map(\.text)
    }

    /// Clicks `action` as `member`; returns the one reply's text.
    @discardableResult
    mutating func click(_ member: String, _ action: String, message: String = "poll.P1") -> String {
        run(member, .action(messageID: message, actionID: action)).replies.map(\.text).joined(separator: "\n")
    }

    /// Runs one input at the current time and applies its facts.
    @discardableResult
    mutating func run(_ member: String, _ event: InputEvent) -> Outcome {
        inputs += 1
        let input = Input(id: "in-\(inputs)", member: Self.id(member), displayName: member, event: event)
        let outcome = reducer.reduce(state, input, rules: &ruleState, now: now)
        state.apply(outcome.facts)
        outcomes.append(outcome)
        return outcome
    }

    /// Lets time pass to `date` and runs one tick.
    @discardableResult
    mutating func tick(at date: Date) -> Outcome {
        now = date
        let outcome = reducer.reduceTick(state, rules: &ruleState, now: now)
        state.apply(outcome.facts)
        outcomes.append(outcome)
        return outcome
    }

    /// Writes the state to JSON and reads it back, as a restart of the daemon does.
    mutating func restart() throws {
        let data = try JSONEncoder().encode(state)
        state = try JSONDecoder().decode(CommunityState.self, from: data)
        ruleState = state.ruleEngineState
    }

    /// The state as JSON text.
    func stateJSON() throws -> String {
        String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
    }

    /// The messages queued to the outbox by the last outcome.
    var lastQueued: [OutboundMessage] {
        (outcomes.last?.facts ?? []).compactMap { fact in
            if case .messageQueued(let entry) = fact { return entry.message }
            return nil
        }
    }

    /// The newest text of channel message `id`: its last queued edit, or itself.
    func channelText(_ id: String) -> String? {
        state.outbox.last { $0.message.id == id || $0.message.updates == id }?.message.text
    }
}

extension PollBook {
    /// The counts of poll `id`.
    func counts(_ id: String) -> [Int] { self[id]?.counts ?? [] }
}
