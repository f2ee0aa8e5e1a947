import Foundation

@testable import ConvenerCore

/// A community driven through `CommunityReducer` the way the daemon drives it: every fact is applied, only the
/// journaled ones are kept as "the journal", the sealed pool files as "the pools" (opened), and notes are kept
/// as "the log".
struct SurveyHarness {
    let reducer: CommunityReducer
    var state = CommunityState()
    var rules = RuleEngineState()
    var now: Date
    /// The journaled facts, in order: what the state folder's journal holds.
    private(set) var journal: [Fact] = []
    /// Every fact, journaled or not, in order: what memory saw.
    private(set) var memory: [Fact] = []
    /// What the host logged.
    private(set) var log: [String] = []
    /// The sealed pool files as the daemon would have written them, opened: pool name → image.
    private(set) var pools: [String: SealedPoolImage] = [:]
    private let poolRandomness: CommunityRandomness
    private var inputNumber = 0

    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    init(
        convenors: Set<String> = ["convenor"], settings: CommunitySettings = .defaults, seed: UInt64 = 7,
        timeZone: String = "UTC", rules: RuleEngine = RuleEngine(rules: .empty)
    ) {
        let profile = CommunityProfile(
            id: "test", name: "Test Community", timeZone: TimeZone(identifier: timeZone) ?? .current,
            convenors: convenors)
        reducer = CommunityReducer(profile: profile, rules: rules, settings: settings, randomness: .seeded(seed))
        now = Self.start
        poolRandomness = .seeded(seed &+ 0x9e37)
        // The daemon makes the feedback pool's key at its first start, in a record of its own.
        record(Outcome(facts: [.feedback(.sealKeyMinted(AnonymityKey(randomness: .seeded(seed &+ 0x7f4a))))]))
    }

    static func id(_ name: String) -> MemberID { MemberID(platform: "playground", user: name) }

    /// Sends `event` as `member` and returns the outcome after applying it.
    @discardableResult
    mutating func send(_ member: String, _ event: InputEvent) -> Outcome {
        inputNumber += 1
        let input = Input(id: "in-\(inputNumber)", member: Self.id(member), displayName: member, event: event)
        let outcome = reducer.reduce(state, input, rules: &rules, now: now)
        record(outcome)
        return outcome
    }

    /// Types `/cop text` as `member`.
    @discardableResult
    mutating func command(_ member: String, _ text: String) -> Outcome {
        send(member, .command(text))
    }

    /// Submits form `form` as `member`.
    @discardableResult
    mutating func submit(_ member: String, _ form: String, _ values: [String: FormValue]) -> Outcome {
        send(member, .form(formID: form, values: values))
    }

    /// Lets `seconds` pass and ticks.
    @discardableResult
    mutating func tick(after seconds: TimeInterval = 5) -> Outcome {
        now = now.addingTimeInterval(seconds)
        let outcome = reducer.reduceTick(state, rules: &rules, now: now)
        record(outcome)
        return outcome
    }

    /// A graceful shutdown.
    @discardableResult
    mutating func shutdown() -> Outcome {
        let outcome = reducer.reduceShutdown(state, now: now)
        record(outcome)
        return outcome
    }

    /// What a restart rebuilds after a kill -9: the last encoded snapshot is empty, so the journal is replayed,
    /// then the pool files are opened and what they hold goes back in memory.
    func restartedState() -> CommunityState {
        var rebuilt = CommunityState()
        rebuilt.apply(journal)
        for (pool, image) in pools.sorted(by: { $0.key < $1.key }) {
            if let fact = rebuilt.restoring(pool: pool, image: image) { rebuilt.apply([fact]) }
        }
        return rebuilt
    }

    /// What a restart would rebuild from the journal alone (the pool files lost, or left out of a backup).
    func journalOnlyState() -> CommunityState {
        var rebuilt = CommunityState()
        rebuilt.apply(journal)
        return rebuilt
    }

    /// The direct messages queued for `member`, oldest first.
    func directMessages(to member: String) -> [OutboundMessage] {
        memory.compactMap { fact in
            guard case .messageQueued(let entry) = fact, entry.message.audience == .direct(Self.id(member)) else {
                return nil
            }
            return entry.message
        }
    }

    /// The channel messages queued, oldest first.
    var channelMessages: [OutboundMessage] {
        memory.compactMap { fact in
            guard case .messageQueued(let entry) = fact, entry.message.audience == .channel else { return nil }
            return entry.message
        }
    }

    private mutating func record(_ outcome: Outcome) {
        state.apply(outcome.facts)
        memory += outcome.facts
        journal += outcome.facts.filter(\.isJournaled)
        log += outcome.notes
        for change in state.sealedPoolChanges(after: outcome.facts, randomness: poolRandomness) {
            pools[change.pool] = change.contents?.image
        }
    }
}

extension Outcome {
    /// The text of the first reply.
    var replyText: String { replies.first?.text ?? "" }
}

/// JSON text of any encodable value, keys sorted.
func jsonText(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
}
