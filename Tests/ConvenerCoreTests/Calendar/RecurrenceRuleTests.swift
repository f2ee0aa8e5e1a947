import ConvenerCore
import Testing

/// Reading and expanding RFC 5545 recurrence rules (the random comparison with python-dateutil is in
/// `Tests/acceptance/test_calendar.py`).
@Suite("Recurrence rules")
struct RecurrenceRuleTests {
    private static func instances(_ rule: String, _ start: String, through: String) throws -> [String] {
        let first = try #require(CivilDateTime(iso: start))
        let last = try #require(CivilDateTime(iso: through))
        return try RecurrenceRule(parsing: rule).instances(from: first, through: last).map(\.description)
    }

    @Test("the last Friday of each month, across a leap February")
    func lastFriday() throws {
        #expect(
            try Self.instances("FREQ=MONTHLY;BYDAY=-1FR", "2028-01-01T17:00", through: "2028-04-30T00:00")
                == ["2028-01-28T17:00", "2028-02-25T17:00", "2028-03-31T17:00", "2028-04-28T17:00"])
    }

    @Test("every other Tuesday and Thursday, COUNT includes only selected days")
    func biweekly() throws {
        #expect(
            try Self.instances(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=4", "2026-01-06T18:00", through: "2027-01-01T00:00")
                == ["2026-01-06T18:00", "2026-01-08T18:00", "2026-01-20T18:00", "2026-01-22T18:00"])
    }

    @Test("the 31st is skipped in shorter months; the last weekday of the month by BYSETPOS")
    func monthEnds() throws {
        #expect(
            try Self.instances("FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31T09:00", through: "2026-05-31T09:00")
                == ["2026-01-31T09:00", "2026-03-31T09:00", "2026-05-31T09:00"])
        #expect(
            try Self.instances(
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-05-01T12:00", through: "2026-08-31T23:59")
                == ["2026-05-29T12:00", "2026-06-30T12:00", "2026-07-31T12:00", "2026-08-31T12:00"])
    }

    @Test("UNTIL is inclusive and the rule reads back in a fixed order")
    func untilAndDescription() throws {
        let rule = try RecurrenceRule(parsing: "rrule:byday=we;until=20260121T180000;freq=weekly")
        #expect(rule.description == "FREQ=WEEKLY;UNTIL=20260121T180000;BYDAY=WE")
        let start = try #require(CivilDateTime(iso: "2026-01-07T18:00"))
        let last = try #require(CivilDateTime(iso: "2030-01-01T00:00"))
        #expect(
            rule.instances(from: start, through: last).map(\.description) == [
                "2026-01-07T18:00", "2026-01-14T18:00", "2026-01-21T18:00",
            ])
    }

    @Test(
        "rules it cannot use are refused with what to write instead",
        arguments: [
            ("FREQ=HOURLY", "FREQ=HOURLY is not supported for community events; use DAILY, WEEKLY, MONTHLY or YEARLY"),
            ("BYDAY=MO", "FREQ is missing; start with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"),
            (
                "FREQ=WEEKLY;BYDAY=1MO",
                "BYDAY=1MO numbers the day, which only monthly and yearly rules can do; write MO"
            ),
            ("FREQ=MONTHLY;COUNT=3;UNTIL=20270101", "COUNT and UNTIL cannot both be given; keep one"),
            ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY has '0'; use numbers from -31 to 31, not 0, separated by commas"),
            ("FREQ=YEARLY;BYDAY=TH", "BYDAY in a yearly rule needs BYMONTH (e.g. FREQ=YEARLY;BYMONTH=11;BYDAY=4TH)"),
            ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is not a whole number from 1 to 1000"),
            ("FREQ=WEEKLY;FREQ=DAILY", "FREQ is given twice; keep one"),
        ])
    func refusals(_ row: (String, String)) {
        #expect(throws: RecurrenceRule.ParseError(description: row.1)) { try RecurrenceRule(parsing: row.0) }
    }
}
