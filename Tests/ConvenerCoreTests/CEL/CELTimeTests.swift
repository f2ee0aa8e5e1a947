import Testing

@testable import ConvenerCore

/// Timestamps, durations, accessors and time zones.
struct CELTimeTests {
    @Test(arguments: [
        // 2026-07-01T22:30:00Z is already 2 July in Paris (UTC+2 in summer) and still 1 July in New York.
        ("t.getDate('Europe/Paris')", CELValue.int(2)),
        ("t.getDate('America/New_York')", .int(1)),
        ("t.getHours('Europe/Paris')", .int(0)),
        ("t.getHours('America/New_York')", .int(18)),
        ("t.getHours()", .int(22)),
        ("t.getHours('+05:30')", .int(4)),
        ("t.getMinutes('+05:30')", .int(0)),
        ("t.getDayOfWeek('Europe/Paris')", .int(4)),
        ("t.getDayOfWeek()", .int(3)),
        ("t.getMonth()", .int(6)),
        ("t.getDayOfMonth()", .int(0)),
        ("t.getDayOfYear()", .int(181)),
        ("t.getFullYear('Pacific/Kiritimati')", .int(2026)),
        // In winter Paris is UTC+1: 2026-01-15T23:30:00Z is 00:30 on 16 January.
        ("w.getHours('Europe/Paris')", .int(0)),
        ("w.getDate('Europe/Paris')", .int(16)),
        ("w.getMilliseconds()", .int(250)),
    ])
    /// Accessors use the given IANA zone or fixed offset, including DST.
    func accessorsHonourTimeZones(_ source: String, _ expected: CELValue) throws {
        let declarations = CELDeclarations(["t": .timestamp, "w": .timestamp])
        let result = CELTestSupport.evaluate(
            source,
            [
                "t": CELTestSupport.timestamp("2026-07-01T22:30:00Z"),
                "w": CELTestSupport.timestamp("2026-01-15T23:30:00.250Z"),
            ], declarations: declarations)
        #expect(try result.get() == expected)
    }

    @Test func unknownTimeZoneIsAnError() {
        let result = CELTestSupport.evaluate("timestamp('2026-01-01T00:00:00Z').getHours('Mars/Olympus')")
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(error.message.contains("unknown time zone 'Mars/Olympus'"))
    }

    @Test(arguments: [
        ("timestamp('2026-03-01T10:00:00+02:00')", "2026-03-01T08:00:00Z"),
        ("timestamp('2026-03-01T10:00:00.120Z')", "2026-03-01T10:00:00.12Z"),
        ("timestamp('2026-03-01T00:00:00Z') - duration('36h')", "2026-02-27T12:00:00Z"),
        ("timestamp('2024-02-28T00:00:00Z') + duration('24h')", "2024-02-29T00:00:00Z"),
        ("timestamp(0)", "1970-01-01T00:00:00Z"),
        ("timestamp('0001-01-01T00:00:00Z')", "0001-01-01T00:00:00Z"),
    ])
    /// Timestamp parsing, arithmetic and formatting.
    func timestampArithmetic(_ source: String, _ expected: String) throws {
        #expect(try CELTestSupport.evaluate("string(\(source))").get() == .string(expected))
    }

    @Test(arguments: [
        ("720h", "2592000s"), ("1h30m", "5400s"), ("-1.5s", "-1.5s"), ("250ms", "0.25s"),
        ("10us", "0.00001s"), ("1ns", "0.000000001s"), ("0", "0s"), ("2h45m30.5s", "9930.5s"),
    ])
    /// Go-style durations parse and print as seconds.
    func durationParsingAndFormatting(_ text: String, _ expected: String) throws {
        let duration = try #require(CELDuration(parsing: text))
        #expect(duration.description == expected)
    }

    /// Malformed durations do not parse.
    @Test(arguments: ["", "h", "1x", "1.5", "--1s", "1h-30m"])
    func malformedDurationsAreRejected(_ text: String) {
        #expect(CELDuration(parsing: text) == nil)
    }

    @Test func durationAccessorsAndComparison() throws {
        #expect(try CELTestSupport.evaluate("duration('3730s').getMinutes()").get() == .int(62))
        #expect(try CELTestSupport.evaluate("duration('1.5s').getMilliseconds()").get() == .int(500))
        #expect(try CELTestSupport.evaluate("duration('1h') < duration('61m')").get() == .bool(true))
        #expect(try CELTestSupport.evaluate("-duration('1h') == duration('-60m')").get() == .bool(true))
    }

    @Test func foundationDatesRoundTrip() throws {
        let timestamp = try #require(CELTimestamp(seconds: 1_234_567_890, nanos: 500_000_000))
        #expect(CELTimestamp(date: timestamp.date) == timestamp)
        #expect(timestamp.description == "2009-02-13T23:31:30.5Z")
    }
}
