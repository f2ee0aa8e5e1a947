import Foundation

@testable import ConvenerCore

/// Drives one community through the reducer with an injected clock, applying every outcome to its state.
struct EngagementHarness {
    var reducer: CommunityReducer
    var state = CommunityState()
    private var inputs = 0

    /// A harness over `profile`, `rules` and `settings`.
    init(
        profile: CommunityProfile = EngagementHarness.profile, rules: [RuleSpec] = [],
        settings: CommunitySettings = .defaults, prompts: PromptLibrary = PromptLibrary()
    ) throws {
        let compiled: RuleSet
        switch RuleCompiler.compile(rules) {
        case .success(let set): compiled = set
        case .failure(let problems): throw problems
        }
        reducer = CommunityReducer(
            profile: profile, rules: RuleEngine(rules: compiled), prompts: prompts, settings: settings,
            randomness: .seeded(7))
    }

    /// "Test Community", UTC, convened by `convenor`.
    static let profile = CommunityProfile(id: "test", name: "Test Community", convenors: ["convenor"])

    /// A rule posting `text` in the channel whenever `event` happens.
    static func rule(_ id: String, on event: String, post text: String) -> RuleSpec {
        RuleSpec(
            id: id, trigger: .event(event), actions: [.post(text: RuleTemplate(text), channel: nil)],
            rateLimit: RuleRateLimit(global: RuleRate(count: 100_000, seconds: 60), perMember: nil))
    }

    /// Sends one input from playground member `name` at `now` and applies the outcome.
    @discardableResult
    mutating func send(_ name: String, _ event: InputEvent, at now: Date) -> Outcome {
        inputs += 1
        let input = Input(
            id: "in\(inputs)", member: EngagementTestSupport.member(name), displayName: name.capitalized, event: event)
        var rules = state.ruleEngineState
        let outcome = reducer.reduce(state, input, rules: &rules, now: now)
        state.apply(outcome.facts)
        return outcome
    }

    /// `/cop <text>` from `name`.
    @discardableResult
    mutating func command(_ name: String, _ text: String, at now: Date) -> Outcome {
        send(name, .command(text), at: now)
    }

    /// A plain message from `name`.
    @discardableResult
    mutating func say(_ name: String, at now: Date) -> Outcome {
        send(name, .message("hello"), at: now)
    }

    /// One scheduler tick at `now`.
    @discardableResult
    mutating func tick(at now: Date) -> Outcome {
        var rules = state.ruleEngineState
        let outcome = reducer.reduceTick(state, rules: &rules, now: now)
        state.apply(outcome.facts)
        return outcome
    }

    /// Messages queued by `outcome` for the channel.
    static func channel(_ outcome: Outcome) -> [OutboundMessage] {
        queued(outcome).filter { $0.audience == .channel }
    }

    /// Every message `outcome` queued in the outbox.
    static func queued(_ outcome: Outcome) -> [OutboundMessage] {
        outcome.facts.compactMap { fact -> OutboundMessage? in
            if case .messageQueued(let entry) = fact { return entry.message }
            return nil
        }
    }
}
