import ConvenerCore
import Foundation
import Testing

/// Parsing, errors and plain-English descriptions of cron expressions.
@Suite("Cron expressions")
struct CronExpressionTests {
    private static let utc = TimeZone(identifier: "UTC") ?? .gmt

    private static func fires(_ text: String, after start: String, count: Int = 5) throws -> [String] {
        let schedule = CronSchedule(expression: try CronExpression(parsing: text), timeZone: utc)
        let date = try #require(CronISO.date(from: start))
        return schedule.fires(after: date, count: count).map { CronISO.string($0, in: utc) }
    }

    @Test(
        "equivalent spellings parse to the same expression",
        arguments: [
            ("0 9 * * MON", "0 9 * * 1"), ("0 9 * * mon", "0 9 * * Mon"), ("0 0 1 JAN *", "0 0 1 1 *"),
            ("0 0 * * 7", "0 0 * * 0"), ("0 0 * * SUN", "0 0 * * 0"), ("*/15 * * * *", "0,15,30,45 * * * *"),
            ("1-30/5 * * * *", "1,6,11,16,21,26 * * * *"), ("5/10 * * * *", "5,15,25,35,45,55 * * * *"),
            ("0 9 * * MON-FRI", "0 9 * * 1-5"), ("0 12 * JAN-MAR/2 *", "0 12 * 1,3 *"),
            ("  0   9\t* * *  ", "0 9 * * *"), ("1,5-7,*/20 * * * *", "0,1,5,6,7,20,40 * * * *"),
            ("0 0 * * 5-7", "0 0 * * 0,5,6"), ("0 0 1 * 0-7/2", "0 0 1 * 0,2,4,6"), ("0 0 * * 1/2", "0 0 * * 0,1,3,5"),
            ("0 0 1-31/10 * *", "0 0 1,11,21,31 * *"), ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"),
            ("@monthly", "0 0 1 * *"), ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"),
            ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"), ("@DAILY", "0 0 * * *"), (" @daily ", "0 0 * * *"),
            ("05 09 * * *", "5 9 * * *"), ("*/60 * * * *", "0 * * * *"), ("30 19-19/1 * * *", "30 19 * * *"),
            ("0 0 * * fri-fri/1", "0 0 * * 5"), ("0 0 1 9-9/3 *", "0 0 1 9 *"), ("0 0 * * 7-7/2", "0 0 * * 0"),
            ("10-40/15 * * * *", "10,25,40 * * * *"), ("5-10/20 * * * *", "5 * * * *"),
        ])
    func equivalentSpellings(_ pair: (String, String)) throws {
        #expect(try CronExpression(parsing: pair.0) == CronExpression(parsing: pair.1))
    }

    @Test(
        "a one-value range with a step is that one value, as in Debian cron's entry.c",
        arguments: [
            ("30 19-19/1 * * *", "2024-09-01T00:00:00Z", ["2024-09-01T19:30:00+00:00", "2024-09-02T19:30:00+00:00"]),
            ("0 12 * * fri-fri/1", "2024-09-01T00:00:00Z", ["2024-09-06T12:00:00+00:00", "2024-09-13T12:00:00+00:00"]),
            ("0 0 1 9-9/3 *", "2024-01-01T00:00:00Z", ["2024-09-01T00:00:00+00:00", "2025-09-01T00:00:00+00:00"]),
            ("0 0 1-1/5 * *", "2024-01-15T00:00:00Z", ["2024-02-01T00:00:00+00:00", "2024-03-01T00:00:00+00:00"]),
        ])
    func oneValueRangeWithStep(_ row: (String, String, [String])) throws {
        #expect(try Self.fires(row.0, after: row.1, count: 2) == row.2)
    }

    @Test("a day-of-month list starting with '*' is not the same expression as the plain list")
    func starPrefixChangesTheDayRule() throws {
        // "*/10" restricts the days but starts with '*', so both day fields must match (AND).
        #expect(try CronExpression(parsing: "0 0 */10 * FRI") != CronExpression(parsing: "0 0 1,11,21,31 * FRI"))
    }

    @Test("when both day fields are restricted a day matches if either matches")
    func dayFieldsOr() throws {
        #expect(
            try Self.fires("0 0 13 * FRI", after: "2024-09-01T00:00:00Z")
                == [
                    "2024-09-06T00:00:00+00:00", "2024-09-13T00:00:00+00:00", "2024-09-20T00:00:00+00:00",
                    "2024-09-27T00:00:00+00:00", "2024-10-04T00:00:00+00:00",
                ])
    }

    @Test("when a day field starts with '*' a day must match both")
    func dayFieldsAnd() throws {
        #expect(
            try Self.fires("0 0 */10 * FRI", after: "2024-01-01T00:00:00Z", count: 3)
                == ["2024-03-01T00:00:00+00:00", "2024-05-31T00:00:00+00:00", "2024-06-21T00:00:00+00:00"])
        #expect(
            try Self.fires("0 0 1 * *", after: "2024-01-15T00:00:00Z", count: 2)
                == ["2024-02-01T00:00:00+00:00", "2024-03-01T00:00:00+00:00"])
    }

    @Test("February 29 fires only in leap years, across the 2100 non-leap year")
    func leapDay() throws {
        #expect(
            try Self.fires("30 6 29 2 *", after: "2095-01-01T00:00:00Z", count: 2)
                == ["2096-02-29T06:30:00+00:00", "2104-02-29T06:30:00+00:00"])
    }

    @Test("impossible dates never fire", arguments: ["0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 2 *"])
    func impossibleDates(_ text: String) throws {
        let schedule = CronSchedule(expression: try CronExpression(parsing: text), timeZone: Self.utc)
        #expect(schedule.nextFire(after: Date(timeIntervalSince1970: 1_700_000_000)) == nil)
        #expect(schedule.fires(after: Date(timeIntervalSince1970: 1_700_000_000), count: 3).isEmpty)
    }

    @Test("an impossible day still fires on the weekday when both day fields are restricted")
    func impossibleDayWithWeekday() throws {
        #expect(
            try Self.fires("0 0 30 2 MON", after: "2024-01-01T00:00:00Z", count: 2)
                == ["2024-02-05T00:00:00+00:00", "2024-02-12T00:00:00+00:00"])
    }

    @Test("next fire is strictly after the start, ignoring fractions of a second")
    func strictlyAfter() throws {
        #expect(try Self.fires("0 9 * * *", after: "2024-05-01T09:00:00Z", count: 1) == ["2024-05-02T09:00:00+00:00"])
        #expect(try Self.fires("0 9 * * *", after: "2024-05-01T08:59:59Z", count: 1) == ["2024-05-01T09:00:00+00:00"])
        let schedule = CronSchedule(expression: try CronExpression(parsing: "* * * * *"), timeZone: Self.utc)
        let start = Date(timeIntervalSince1970: 1_714_554_000.5)  // 2024-05-01T09:00:00.5Z
        #expect(schedule.nextFire(after: start) == Date(timeIntervalSince1970: 1_714_554_060))
    }

    @Test("far-away and non-finite starts give no fire instead of overflowing")
    func extremeStarts() throws {
        let schedule = CronSchedule(expression: try CronExpression(parsing: "0 9 * * *"), timeZone: Self.utc)
        #expect(schedule.nextFire(after: Date(timeIntervalSince1970: .infinity)) == nil)
        #expect(schedule.nextFire(after: Date(timeIntervalSince1970: -.infinity)) == nil)
        #expect(schedule.nextFire(after: .distantFuture) != nil)
        #expect(schedule.fires(after: .distantPast, count: 0).isEmpty)
    }

    @Test("minute steps, hour lists and month names combine")
    func combined() throws {
        #expect(
            try Self.fires("*/20 9,17 * dec SAT", after: "2024-12-06T17:00:00Z")
                == [
                    "2024-12-07T09:00:00+00:00", "2024-12-07T09:20:00+00:00", "2024-12-07T09:40:00+00:00",
                    "2024-12-07T17:00:00+00:00", "2024-12-07T17:20:00+00:00",
                ])
    }

    @Test(
        "errors name the field, the column and what is allowed",
        arguments: [
            ("0 9 * * MOM", "field 5 (day of week) at column 9: 'MOM' is not a day name; use SUN-SAT or 0-7"),
            ("60 * * * *", "field 1 (minute) at column 1: '60' is out of range; use 0-59"),
            ("0 24 * * *", "field 2 (hour) at column 3: '24' is out of range; use 0-23"),
            ("0 9 0 * *", "field 3 (day of month) at column 5: '0' is out of range; use 1-31"),
            ("0 9 * 13 *", "field 4 (month) at column 7: '13' is out of range; use JAN-DEC or 1-12"),
            (
                "0 9 * * 8",
                "field 5 (day of week) at column 9: '8' is out of range; use SUN-SAT or 0-7 (0 and 7 are Sunday)"
            ),
            ("0 9 * JANUARY *", "field 4 (month) at column 7: 'JANUARY' is not a month name; use JAN-DEC or 1-12"),
            ("0 9-x * * *", "field 2 (hour) at column 5: 'x' is not a number; use 0-23"),
            ("0 9 * * MON-", "field 5 (day of week) at column 13: a value is missing; use SUN-SAT or 0-7"),
            ("-5 * * * *", "field 1 (minute) at column 1: a value is missing; use 0-59"),
            (
                "5-1 * * * *",
                "field 1 (minute) at column 1: the range '5-1' goes backwards; write the smaller value "
                    + "first, or use a list such as '1-59,0-5'"
            ),
            (
                "*/0 * * * *",
                "field 1 (minute) at column 3: '/0' is not a valid step; write a whole number of 1 or "
                    + "more after '/'"
            ),
            (
                "0 1-5/x * * *",
                "field 2 (hour) at column 7: '/x' is not a valid step; write a whole number of 1 or "
                    + "more after '/'"
            ),
            (
                "1,,2 * * * *",
                "field 1 (minute) at column 3: a list item is missing in '1,,2'; separate values with "
                    + "single commas"
            ),
            ("0 9 ? * *", "field 3 (day of month) at column 5: '?' is not supported; use '*'"),
            (
                "0 9 * * 5#2",
                "field 5 (day of week) at column 10: '#' (nth weekday of the month) is not supported; "
                    + "list the dates in the day-of-month field instead"
            ),
            (
                "0 9 L * *",
                "field 3 (day of month) at column 5: 'L' uses 'L' or 'W' (last/nearest weekday), which is "
                    + "not supported; use 1-31"
            ),
            (
                "0 9 15W * *",
                "field 3 (day of month) at column 5: '15W' uses 'L' or 'W' (last/nearest weekday), "
                    + "which is not supported; use 1-31"
            ),
            (
                "@reboot",
                "cron expression at column 1: '@reboot' is not supported: Convener schedules fire at times "
                    + "of day, not when a machine starts; use e.g. '@daily' or '0 9 * * *'"
            ),
            (
                "@often",
                "cron expression at column 1: '@often' is not a known shortcut; use @yearly, @annually, "
                    + "@monthly, @weekly, @daily, @midnight or @hourly"
            ),
            ("@daily 5", "cron expression at column 8: '@daily' stands for a whole expression; remove '5' after it"),
            (
                "",
                "cron expression at column 1: the expression is empty; write five fields (minute hour day-of-month "
                    + "month day-of-week), e.g. '0 9 * * MON', or a shortcut such as '@daily'"
            ),
            (
                "0 9 * *",
                "cron expression at column 8: found 4 fields but a cron expression has exactly 5: minute "
                    + "hour day-of-month month day-of-week (seconds are not supported)"
            ),
            (
                "0 0 9 * * *",
                "cron expression at column 11: found 6 fields but a cron expression has exactly 5: "
                    + "minute hour day-of-month month day-of-week (seconds are not supported)"
            ),
        ])
    func errors(_ example: (String, String)) {
        #expect(throws: CronParseError.self) { try CronExpression(parsing: example.0) }
        do {
            _ = try CronExpression(parsing: example.0)
        } catch {
            #expect(error.description == example.1)
        }
    }

    @Test("a parse error carries its field and column")
    func errorFields() {
        do {
            _ = try CronExpression(parsing: "*/5 9-17 * * MON-FRX")
            Issue.record("expected an error")
        } catch {
            #expect(error.field == .dayOfWeek)
            #expect(error.column == 18)
        }
    }

    @Test(
        "descriptions are plain English",
        arguments: [
            ("0 9 * * 1", "at 09:00 on Monday"), ("*/15 * * * *", "every 15 minutes"), ("* * * * *", "every minute"),
            ("0 * * * *", "every hour, on the hour"), ("30 9 * * MON-FRI", "at 09:30 on Monday through Friday"),
            ("0 9,17 * * *", "at 09:00 and 17:00"), ("0 0 1 * *", "at 00:00 on day 1 of the month"),
            ("@yearly", "at 00:00 on day 1 of the month in January"),
            ("0 9 1,15 * MON", "at 09:00 on days 1 and 15 of the month or on Monday"),
            ("*/15 9-17 * * 1-5", "every 15 minutes from 09:00 through 17:59 on Monday through Friday"),
            ("0 0 */10 * FRI", "at 00:00 on days 1, 11, 21 and 31 of the month if it is a Friday"),
            ("0 */2 * * *", "every 2 hours, on the hour"), ("15 */6 * * *", "at 00:15, 06:15, 12:15 and 18:15"),
            ("15 */3 * * *", "at 00:15, 03:15, 06:15, 09:15, 12:15, 15:15, 18:15 and 21:15"),
            ("*/10 1/3 * * *", "every 10 minutes in every 3rd hour from 01:00"),
            ("23/3 0,6,12,18 * * *", "every 3 minutes from minute 23 during hours 0, 6, 12 and 18"),
            ("5,35 8-18 * * SAT,SUN", "at minutes 5 and 35 from 08:00 through 18:59 on Sunday and Saturday"),
            ("0 12 * JUN-AUG *", "at 12:00 in June through August"),
            ("0 8 */2 * *", "at 08:00 on every 2nd day of the month from day 1"),
            ("45 * * * *", "at minute 45 past every hour"),
        ])
    func descriptions(_ example: (String, String)) throws {
        #expect(try CronExpression(parsing: example.0).description == example.1)
    }
}
