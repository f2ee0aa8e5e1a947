import Foundation
import Testing

@testable import ConvenerCore

/// Shared fixtures for the pairing tests: a community, members, random pools and a way to run inputs.
enum PairingFixture {
    /// 2026-01-05, a Monday, 08:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_767_600_000)
    static let profile = CommunityProfile(id: "test", name: "Test Community", convenors: ["convenor"])

    static func id(_ name: String) -> MemberID { MemberID(platform: "playground", user: name) }

    static func reducer(
        settings: PairingSettings = .defaults, rules: [RuleSpec] = [], seed: UInt64 = 7,
        prompts: PromptLibrary = PromptLibrary()
    ) throws -> CommunityReducer {
        let engine: RuleEngine
        switch RuleCompiler.compile(rules) {
        case .success(let compiled): engine = RuleEngine(rules: compiled)
        case .failure(let problems): throw problems
        }
        return CommunityReducer(
            profile: profile, rules: engine, prompts: prompts, settings: CommunitySettings(pairing: settings),
            randomness: .seeded(seed))
    }

    /// Runs one input, applies its facts and returns the outcome.
    @discardableResult
    static func send(
        _ reducer: CommunityReducer, _ state: inout CommunityState, _ member: String, _ event: InputEvent,
        at now: Date = start, id: String = "in"
    ) -> Outcome {
        var rules = state.ruleEngineState
        let outcome = reducer.reduce(
            state, Input(id: id, member: self.id(member), displayName: member, event: event), rules: &rules, now: now)
        state.apply(outcome.facts)
        return outcome
    }

    /// Ticks once, applying the facts.
    @discardableResult
    static func tick(_ reducer: CommunityReducer, _ state: inout CommunityState, at now: Date) -> Outcome {
        var rules = state.ruleEngineState
        let outcome = reducer.reduceTick(state, rules: &rules, now: now)
        state.apply(outcome.facts)
        return outcome
    }

    /// The direct messages queued by `facts`.
    static func directMessages(_ facts: [Fact]) -> [(MemberID, OutboundMessage)] {
        facts.compactMap { fact in
            guard case .messageQueued(let entry) = fact, case .direct(let member) = entry.message.audience else {
                return nil
            }
            return (member, entry.message)
        }
    }

    /// The rounds recorded by `facts`.
    static func rounds(_ facts: [Fact]) -> [PairingRound] {
        facts.compactMap { fact in
            if case .pairing(.roundRecorded(let round)) = fact { return round }
            return nil
        }
    }

    /// A state of `count` opted-in members with random interests, zones and roles from `seed`.
    static func pool(
        _ count: Int, seed: UInt64, zones: [String] = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"],
        roles: [PairingProfile.Role] = [.peer], avoidEvery: Int = 0
    ) -> CommunityState {
        var generator = MatchingSplitMix64(seed: seed)
        let topics = ["testing", "ci", "design", "rust", "swift", "ops", "data", "ux"]
        var state = CommunityState()
        for index in 0..<count {
            let member = id("m\(index)")
            state.apply(.memberJoined(member: member, displayName: "m\(index)", at: start))
            let interests = topics.filter { _ in generator.next() % 3 == 0 }
            let zone = zones[Int(generator.next() % UInt64(zones.count))]
            let role = roles[Int(generator.next() % UInt64(roles.count))]
            var avoid: [MemberID] = []
            if avoidEvery > 0, index % avoidEvery == 0 {
                avoid = [id("m\(Int(generator.next() % UInt64(count)))")]
            }
            let profile = PairingProfile(
                member: member, role: role, interests: interests, timeZone: zone,
                capacity: 1 + Int(generator.next() % 3), avoid: avoid.filter { $0 != member })
            state.apply(.pairing(.profileSaved(profile)))
        }
        return state
    }
}

extension PairingGroup {
    /// The unordered pairs inside the group.
    var memberPairs: [Set<MemberID>] {
        var result: [Set<MemberID>] = []
        for (i, a) in members.enumerated() {
            for b in members[(i + 1)...] { result.append([a, b]) }
        }
        return result
    }
}
