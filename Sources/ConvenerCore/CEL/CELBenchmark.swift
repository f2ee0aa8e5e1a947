/// A micro-benchmark of compile-once, evaluate-many for a typical rule condition (not a test; no assertions).
public enum CELBenchmark {
    /// The condition measured, typical of a "nudge inactive peripheral members" rule.
    public static let condition = #"member.tier == "peripheral" && now - member.lastActiveAt > duration("720h")"#

    /// Compiles `condition` once, evaluates it `iterations` times, and reports compile time and p50/p99 latency.
    public static func run(iterations: Int = 20_000) -> String {
        let member = CELType.object(
            name: "member",
            fields: [
                "tier": .string, "lastActiveAt": .timestamp, "name": .string, "tags": .list(.string),
            ])
        let declarations = CELDeclarations(["member": member, "now": .timestamp])
        let clock = ContinuousClock()
        let compileStart = clock.now
        let program: CELProgram
        do throws(CELError) {
            program = try CELProgram.compile(condition, declarations: declarations)
        } catch {
            return "compile failed: \(error)"
        }
        let compileTime = clock.now - compileStart
        guard let now = CELTimestamp(seconds: 1_780_000_000),
            let lastActive = CELTimestamp(seconds: 1_770_000_000)
        else { return "invalid benchmark timestamps" }
        let activation = CELActivation([
            "member": .map(
                CELMap([
                    "tier": .string("peripheral"), "lastActiveAt": .timestamp(lastActive), "name": .string("Ada"),
                    "tags": .list([.string("swift"), .string("rules")]),
                ])),
            "now": .timestamp(now),
        ])
        var samples: [Duration] = []
        samples.reserveCapacity(iterations)
        var trueCount = 0
        for _ in 0..<max(1, iterations) {
            let start = clock.now
            let result = program.evaluate(activation)
            samples.append(clock.now - start)
            if case .success(.bool(true)) = result { trueCount += 1 }
        }
        samples.sort()
        func micros(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
            return String(Double(Int(value * 100)) / 100) + " µs"
        }
        let p50 = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
        return "CEL benchmark: \(condition)\n"
            + "compile: \(micros(compileTime)); evaluations: \(samples.count) (true: \(trueCount)); "
            + "p50: \(micros(p50)); p99: \(micros(p99)); max: \(micros(samples[samples.count - 1]))"
    }
}
