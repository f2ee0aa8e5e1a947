import Foundation

/// Measures `CronSchedule.nextFire(after:)` over a fixed set of expressions and zones.
public enum CronBenchmark {
    /// The expressions measured: everyday shapes plus DST-sensitive and rarely matching ones.
    public static let expressions = [
        "0 9 * * MON", "*/15 * * * *", "30 2 * * *", "0 */2 * * 1-5", "5,35 8-18 * * *", "0 0 1 * *",
        "0 0 29 2 *", "15 3 13 * FRI", "0 12 * JAN,JUL *", "* * * * *", "0 0 1 1 *", "0 0 30 2 *",
    ]

    /// The zones measured.
    public static let zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago"]

    /// Runs `samples` next-fire computations per expression-zone pair from start instants spread over
    /// 2024-2041 and returns a report: median and 99th percentile in microseconds, overall and per zone.
    public static func run(samples: Int = 2_000) -> String {
        var all: [Double] = []
        var lines: [String] = []
        var checksum = 0.0
        for zoneName in zones {
            guard let timeZone = TimeZone(identifier: zoneName) else { continue }
            var durations: [Double] = []
            for text in expressions {
                guard let expression = try? CronExpression(parsing: text) else { continue }
                let schedule = CronSchedule(expression: expression, timeZone: timeZone)
                for sample in 0..<samples {
                    // About 3.3 days apart, so the starts cover several years and their DST changes.
                    let start = Date(timeIntervalSince1970: 1_704_067_200 + Double(sample) * 287_777.7)
                    let clock = ContinuousClock()
                    let began = clock.now
                    let fire = schedule.nextFire(after: start)
                    let elapsed = clock.now - began
                    checksum += fire?.timeIntervalSince1970 ?? 0
                    durations.append(
                        Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
                }
            }
            all += durations
            lines.append("  \(zoneName): " + summary(of: &durations))
        }
        let header = "cron nextFire over \(expressions.count) expressions x \(zones.count) zones: " + summary(of: &all)
        return ([header] + lines).joined(separator: "\n") + String(format: "\n  (checksum %.0f)", checksum)
    }

    private static func summary(of durations: inout [Double]) -> String {
        guard !durations.isEmpty else { return "no samples" }
        durations.sort()
        let median = durations[durations.count / 2]
        let p99 = durations[min(durations.count - 1, durations.count * 99 / 100)]
        return String(format: "median %.2f µs, p99 %.2f µs (%d samples)", median, p99, durations.count)
    }
}
