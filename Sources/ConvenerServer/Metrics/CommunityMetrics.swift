import ConvenerCore
import Metrics

/// What one community reports to the metrics system (swift-metrics; Prometheus when the daemon bootstraps it).
///
/// Labels are the community id and fixed words only, so no member id or text ever reaches a scrape.
struct CommunityMetrics: Sendable {
    private let inputs: [String: Counter]
    private let ticks: Counter
    private let facts: Counter
    private let compactions: Counter
    private let conflicts: Counter
    private let catchUps: [CatchUpCause: Counter]
    private let outboxDepth: Gauge
    private let deadLetters: Gauge
    private let members: Gauge

    /// The metrics of the community `id`.
    init(community id: String) {
        let dimensions = [("community", id)]
        var inputs: [String: Counter] = [:]
        for kind in ["message", "command", "action", "vote", "form", "left", "joined", "reaction"] {
            inputs[kind] = Counter(label: "convener_inputs_total", dimensions: dimensions + [("kind", kind)])
        }
        self.inputs = inputs
        ticks = Counter(label: "convener_ticks_total", dimensions: dimensions)
        facts = Counter(label: "convener_journaled_facts_total", dimensions: dimensions)
        compactions = Counter(label: "convener_compactions_total", dimensions: dimensions)
        conflicts = Counter(label: "convener_store_conflicts_total", dimensions: dimensions)
        var catchUps: [CatchUpCause: Counter] = [:]
        for cause in CatchUpCause.allCases {
            catchUps[cause] = Counter(
                label: "convener_store_catch_ups_total", dimensions: dimensions + [("cause", cause.rawValue)])
        }
        self.catchUps = catchUps
        outboxDepth = Gauge(label: "convener_outbox_messages", dimensions: dimensions)
        deadLetters = Gauge(label: "convener_dead_letters", dimensions: dimensions)
        members = Gauge(label: "convener_members", dimensions: dimensions)
    }

    /// Counts one handled input.
    func recordInput(_ event: InputEvent) {
        let kind =
            switch event {
            case .message: "message"
            case .command: "command"
            case .action: "action"
            case .vote: "vote"
            case .form: "form"
            case .left: "left"
            case .joined: "joined"
            case .reaction: "reaction"
            }
        inputs[kind]?.increment()
    }

    /// Counts one scheduler tick.
    func recordTick() { ticks.increment() }

    /// Counts journaled facts and refreshes the gauges from the state they produced.
    func recordCommit(facts count: Int, state: CommunityState) {
        facts.increment(by: count)
        outboxDepth.record(state.outbox.count)
        deadLetters.record(state.deadLetters.count)
        members.record(state.members.count)
    }

    /// Counts one snapshot rewrite.
    func recordCompaction() { compactions.increment() }

    /// Counts one input reduced again because another daemon appended first.
    func recordConflict() { conflicts.increment() }

    /// Counts one catch-up between inputs that found records of other daemons, by what woke it.
    func recordCatchUp(_ cause: CatchUpCause) { catchUps[cause]?.increment() }
}

/// What woke a catch-up with the other daemons between inputs.
public enum CatchUpCause: String, CaseIterable, Sendable {
    /// A journal notice (`NOTIFY`) said the community moved on.
    case notice
    /// The notice connection was (re)established: what happened before it is caught up once.
    case reconnect
    /// The slow safety poll, for a notice lost anyway.
    case poll
}
