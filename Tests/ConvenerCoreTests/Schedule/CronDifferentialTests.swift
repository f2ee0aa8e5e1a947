import ConvenerCore
import Foundation
import Testing

/// Compares `CronSchedule` with cronsim (Python) on seeded random expressions, zones and start instants.
@Suite("Cron schedules agree with cronsim")
struct CronDifferentialTests {
    private static let zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "UTC"]

    @Test(
        "next 20 fire times match cronsim for 10,000 random expressions in two zones each",
        .enabled(if: CronOracle.isAvailable, "set CONVENER_PYTHON to a Python with cronsim"))
    func matchesCronsim() throws {
        var random = CronRandomExpressions(seed: 0xC0FF_EE00_2026)
        var cases: [CronOracle.Case] = []
        var schedules: [CronSchedule] = []
        var starts: [Date] = []
        let fireCount = 20
        let transitions = Dictionary(uniqueKeysWithValues: Self.zones.map { ($0, Self.transitions(of: $0)) })
        // Every expression runs in two zones, so each zone gets 4,000 expressions and 20,000 pairs are compared.
        for index in 0..<10_000 {
            let text = random.expression()
            let expression = try CronExpression(parsing: text)
            for zoneName in [Self.zones[index % 5], Self.zones[(index + 2) % 5]] {
                let zone = try #require(TimeZone(identifier: zoneName))
                let start = random.start(near: transitions[zoneName] ?? [])
                cases.append(.init(expr: text, tz: zoneName, start: CronISO.utcString(start), count: fireCount))
                schedules.append(CronSchedule(expression: expression, timeZone: zone))
                starts.append(start)
            }
        }
        let answers = try CronOracle.answers(for: cases)
        try #require(answers.count == cases.count)

        var mismatches: [String] = []
        var cronsimEarlierThanStart = 0
        var cronsimRejected = 0
        for index in cases.indices {
            let ours = schedules[index].fires(after: starts[index], count: fireCount)
            guard let theirs = answers[index] else {
                // cronsim refuses day-of-month values no selected month has (`0 0 30 2 *`); we never fire.
                cronsimRejected += 1
                if !ours.isEmpty { mismatches.append(Self.report(cases[index], ours: ours, theirs: [])) }
                continue
            }
            // cronsim can answer the first pass of a repeated hour when started in the second pass, which is
            // before the start; such answers are not "strictly after", so we skip them.
            let expected = Array(theirs.drop { $0 <= starts[index] })
            if expected.count < theirs.count { cronsimEarlierThanStart += 1 }
            let agrees = theirs.count < fireCount ? ours == expected : Array(ours.prefix(expected.count)) == expected
            if !agrees { mismatches.append(Self.report(cases[index], ours: ours, theirs: theirs)) }
        }
        print(
            "cron differential: \(cases.count) cases, \(mismatches.count) mismatches, "
                + "\(cronsimEarlierThanStart) cronsim answers before the start skipped, "
                + "\(cronsimRejected) expressions cronsim rejects")
        let mismatchCount = mismatches.count
        #expect(mismatchCount == 0, "first mismatches:\n\(mismatches.prefix(5).joined(separator: "\n"))")
    }

    private static func transitions(of zoneName: String) -> [Date] {
        guard let zone = TimeZone(identifier: zoneName) else { return [] }
        var result: [Date] = []
        var cursor = Date(timeIntervalSince1970: 1_546_300_800)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < 1_924_991_999
        {
            result.append(next)
            cursor = next
        }
        return result
    }

    private static func report(_ testCase: CronOracle.Case, ours: [Date], theirs: [Date]) -> String {
        let zone = TimeZone(identifier: testCase.tz) ?? .gmt
        let firstDifference =
            zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(ours.count, theirs.count)
        return """
            expr '\(testCase.expr)' tz \(testCase.tz) start \(testCase.start) \
            (\(CronISO.date(from: testCase.start).map { CronISO.string($0, in: zone) } ?? "?")), \
            first difference at #\(firstDifference)
              ours:    \(ours.map { CronISO.string($0, in: zone) })
              cronsim: \(theirs.map { CronISO.string($0, in: zone) })
            """
    }
}
