import ConvenerCore
import Foundation
import Testing

/// Checks that the parser accepts exactly the field syntax cronsim accepts, on seeded near-miss expressions.
@Suite("Cron syntax agrees with cronsim")
struct CronSyntaxFuzzTests {
    @Test(
        "accepts and rejects the same expressions as cronsim",
        .enabled(if: CronOracle.isAvailable, "set CONVENER_PYTHON to a Python with cronsim"))
    func sameAcceptance() throws {
        var random = CronRandomExpressions(seed: 0x5EED_F00D)
        let fragments = [
            "*", "0", "7", "8", "59", "60", "23", "24", "1", "31", "32", "12", "13", "007", "", "-", "/", ",", "*/0",
            "MON", "mon", "Sun", "SAT", "MOM", "JAN", "dec", "JANUARY", "FOO", "5-1", "1-5", "*/5", "5/10", "1-30/5",
            "x", "+1", "1,,2", "1-", "-1", "MON-FRI", "FRI-MON", "JAN-MAR/2", "*/x", "1-2-3", "1/2/3", "**", "*-5",
        ]
        var texts: [String] = []
        for _ in 0..<10_000 {
            // A valid expression with one field replaced by, or glued to, random fragments.
            var fields = random.expression().split(separator: " ").map(String.init)
            let field = random.int(0...4)
            let fragment = (0..<random.int(1...2)).map { _ in fragments[random.int(0...(fragments.count - 1))] }
                .joined(separator: random.chance(50) ? "," : "")
            switch random.int(0...2) {
            case 0: fields[field] = fragment
            case 1: fields[field] += fragment
            default: fields[field] = fragment + fields[field]
            }
            // An empty field would change the field count, which is tested elsewhere.
            texts.append(fields.map { $0.isEmpty ? "*" : $0 }.joined(separator: " "))
        }
        let cases = texts.map { CronOracle.Case(expr: $0, tz: "UTC", start: "2024-01-01T00:00:00+00:00", count: 0) }
        let answers = try CronOracle.answers(for: cases, processes: 1)
        try #require(answers.count == texts.count)
        var disagreements: [String] = []
        var accepted = 0
        for (text, answer) in zip(texts, answers) {
            let ours = Result { () throws(CronParseError) in try CronExpression(parsing: text) }
            switch (ours, answer) {
            case (.success, .some):
                accepted += 1
            case (.failure, nil):
                break
            case (.success(let expression), nil):
                // cronsim refuses day-of-month values no selected month has; we accept them and never fire.
                let schedule = CronSchedule(expression: expression, timeZone: TimeZone(identifier: "UTC") ?? .gmt)
                if schedule.nextFire(after: Date(timeIntervalSince1970: 0)) != nil {
                    disagreements.append("'\(text)': cronsim rejects, we accept")
                }
            case (.failure(let error), .some):
                disagreements.append("'\(text)': cronsim accepts, we reject: \(error)")
            }
        }
        print("cron syntax fuzz: \(texts.count) expressions, \(accepted) accepted by both")
        let disagreementCount = disagreements.count
        #expect(disagreementCount == 0, "first disagreements:\n\(disagreements.prefix(10).joined(separator: "\n"))")
    }
}
