import Foundation

/// Measures the engine: one compiled condition evaluated many times, and 1,000 rules over a burst of 10k events.
///
/// Not a test: call it from `convener bench` or a benchmark executable and read the numbers.
public enum RuleBenchmark {
    /// Runs both measurements and returns a readable report.
    public static func run(ruleCount: Int = 1000, eventCount: Int = 10_000, memberCount: Int = 200) -> String {
        let clock = ContinuousClock()
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let tiers = ["core", "active", "peripheral"]
        var members: [RuleMemberView] = []
        for index in 0..<memberCount {
            let quietDays = Double(index % 60)
            let tags: [String] = index % 5 == 0 ? ["mentor"] : []
            members.append(
                RuleMemberView(
                    id: MemberID(platform: "playground", user: "m\(index)"), name: "Member \(index)",
                    tier: tiers[index % 3], joinedAt: start.addingTimeInterval(-86_400 * 90),
                    lastActiveAt: start.addingTimeInterval(-86_400 * quietDays), tags: tags, isConvenor: index == 0))
        }
        let context = RuleContext(community: RuleCommunityView(id: "bench", name: "Bench"), members: members)
        let condition = "member.tier == 'peripheral' && member.daysSinceActive >= 30 && !('mentor' in member.tags)"
        var report = "Rule engine benchmark\n"
        do throws(CELError) {
            let program = try CELProgram.compile(condition, declarations: RuleCompiler.declarations(withMember: true))
            let activation = CELActivation(["member": members[32].celValue(now: start)])
            let iterations = 100_000
            var trueCount = 0
            let began = clock.now
            for _ in 0..<iterations {
                if case .success(true) = program.evaluateCondition(activation) { trueCount += 1 }
            }
            let elapsed = clock.now - began
            report +=
                "condition: \(condition)\n  \(iterations) evaluations in \(format(elapsed)) "
                + "(\(format(elapsed / iterations)) each; true: \(trueCount))\n"
        } catch {
            return report + "condition failed to compile: \(error)"
        }
        let eventTypes = ["member.joined", "message.posted", "kudos.given", "member.inactive", "member.tierChanged"]
        let specs = (0..<ruleCount).map { index in
            let conditions = ["member.tier == '\(tiers[index % 3])'", "member.daysSinceActive >= \(index % 40)"]
            return RuleSpec(
                id: "rule-\(index)", trigger: .event(eventTypes[index % eventTypes.count]),
                conditions: conditions,
                actions: [.post(text: RuleTemplate("Hello {{ member.name }} from rule \(index)"), channel: nil)],
                mode: .parallel(max: 100), rateLimit: RuleRateLimit(global: RuleRate(count: 1_000_000, seconds: 3600)))
        }
        let compileBegan = clock.now
        guard case .success(let ruleSet) = RuleCompiler.compile(specs) else {
            return report + "rules failed to compile"
        }
        let compileTime = clock.now - compileBegan
        let engine = RuleEngine(
            rules: ruleSet, limits: RuleLimits(outboundPerHour: 1_000_000_000, tracesPerRule: 20, runTimeout: 0))
        var state = RuleEngineState()
        var effectCount = 0
        let burstBegan = clock.now
        for index in 0..<eventCount {
            let event = RuleEvent(type: eventTypes[index % eventTypes.count], member: members[index % members.count])
            effectCount +=
                engine.process(event, context: context, state: &state, now: start.addingTimeInterval(Double(index)))
                .count
        }
        let burst = clock.now - burstBegan
        report +=
            "\(ruleCount) rules compiled in \(format(compileTime)); \(eventCount) events in \(format(burst)) "
            + "(\(format(burst / eventCount)) per event, \(ruleCount / eventTypes.count) rules triggered each); "
            + "effects: \(effectCount)"
        return report
    }

    private static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        if seconds >= 1e-3 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.2f µs", seconds * 1e6)
    }
}
