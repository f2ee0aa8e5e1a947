import Foundation

/// Measures the scheduler tick when many schedules fall due in the same minute.
public enum ScheduleBenchmark {
    /// Builds `scheduleCount` rules that each post in the channel at 09:00 UTC, arms them at 08:59:30, then
    /// ticks once at 09:00:00 and reports how long deciding, recording and applying all the fires took: the
    /// lateness of the last fire, since a real tick also finds them in one pass.
    public static func run(scheduleCount: Int = 10_000) -> String {
        let specs = (0..<scheduleCount).map { index in
            RuleSpec(
                id: "bench-\(index)", trigger: .schedule(cron: "0 9 * * *", timeZone: "UTC"),
                actions: [.post(text: RuleTemplate("fire \(index)"), channel: nil)])
        }
        let clock = ContinuousClock()
        let compileStart = clock.now
        guard case .success(let rules) = RuleCompiler.compile(specs) else {
            return "scheduler: the benchmark rules did not compile"
        }
        let compiled = clock.now - compileStart
        // Unlimited budgets: the benchmark measures the scheduler, not the rate limits.
        let limits = RuleLimits(outboundPerHour: Int.max / 2)
        let reducer = CommunityReducer(
            profile: CommunityProfile(id: "bench", name: "Bench"), rules: RuleEngine(rules: rules, limits: limits))
        let nine = Date(timeIntervalSince1970: 1_767_603_600)
        var state = CommunityState()
        var ruleState = state.ruleEngineState
        state.apply(reducer.reduceTick(state, rules: &ruleState, now: nine.addingTimeInterval(-30)).facts)

        let idleStart = clock.now
        let idle = reducer.reduceTick(state, rules: &ruleState, now: nine.addingTimeInterval(-1))
        let idleTime = clock.now - idleStart

        let dueStart = clock.now
        let outcome = reducer.reduceTick(state, rules: &ruleState, now: nine)
        let decided = clock.now - dueStart
        state.apply(outcome.facts)
        let lateness = clock.now - dueStart

        let fired = state.scheduleLedger.entries.values.filter { $0.lastFired == nine }.count
        return """
            scheduler: \(scheduleCount) schedules due at the same minute
              compile rules:        \(format(compiled))
              idle tick (none due): \(format(idleTime)) (\(idle.facts.count) facts)
              due tick, decide:     \(format(decided)) (\(outcome.facts.count) facts)
              lateness of the last fire (decide + record): \(format(lateness)); \(fired) fired, \
            \(state.outbox.count) messages queued
            """
    }

    private static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.3f s", seconds)
    }
}
