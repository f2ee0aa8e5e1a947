import ConvenerCore
import Foundation
import Testing

/// Fixed DST cases: fire times around spring-forward and fall-back in four zones, written out by hand.
@Suite("Cron schedules across DST changes")
struct CronDSTTests {
    /// One row: an expression in a zone, a start instant and the fire times expected after it.
    struct Row: CustomTestStringConvertible, Sendable {
        let zone: String
        let expression: String
        let start: String
        let expected: [String]
        let why: String

        init(_ zone: String, _ expression: String, after start: String, _ expected: [String], _ why: String) {
            self.zone = zone
            self.expression = expression
            self.start = start
            self.expected = expected
            self.why = why
        }

        var testDescription: String { "\(zone) '\(expression)': \(why)" }
    }

    // Berlin: 2024-03-31 02:00 -> 03:00, 2024-10-27 03:00 -> 02:00. New York: 2024-03-10 02:00 -> 03:00,
    // 2024-11-03 02:00 -> 01:00. Lord Howe (30 minutes): 2024-04-07 02:00 -> 01:30, 2024-10-06 02:00 -> 02:30.
    // Santiago (at midnight): 2024-04-07 00:00 -> 2024-04-06 23:00, 2024-09-08 00:00 -> 01:00.
    static let rows: [Row] = [
        .init(
            "Europe/Berlin", "30 2 * * *", after: "2024-03-30T12:00:00+01:00",
            ["2024-03-31T03:00:00+02:00", "2024-04-01T02:30:00+02:00"],
            "fixed time in the spring gap runs right after the jump"),
        .init(
            "Europe/Berlin", "0,30 2 * * *", after: "2024-03-30T12:00:00+01:00",
            ["2024-03-31T03:00:00+02:00", "2024-04-01T02:00:00+02:00", "2024-04-01T02:30:00+02:00"],
            "two fixed times in the gap run once, at the jump"),
        .init(
            "Europe/Berlin", "30 2 * * *", after: "2024-10-26T12:00:00+02:00",
            ["2024-10-27T02:30:00+02:00", "2024-10-28T02:30:00+01:00"],
            "fixed time in the repeated hour runs once, on the first pass"),
        .init(
            "Europe/Berlin", "30 2 * * *", after: "2024-10-27T02:10:00+01:00",
            ["2024-10-28T02:30:00+01:00"],
            "started in the second pass, the repeated time does not run again"),
        .init(
            "Europe/Berlin", "*/30 * * * *", after: "2024-03-31T01:00:00+01:00",
            ["2024-03-31T01:30:00+01:00", "2024-03-31T03:00:00+02:00", "2024-03-31T03:30:00+02:00"],
            "wildcard job follows real time across the gap"),
        .init(
            "Europe/Berlin", "*/30 * * * *", after: "2024-10-27T01:45:00+02:00",
            [
                "2024-10-27T02:00:00+02:00", "2024-10-27T02:30:00+02:00", "2024-10-27T02:00:00+01:00",
                "2024-10-27T02:30:00+01:00", "2024-10-27T03:00:00+01:00",
            ],
            "wildcard job runs in both passes of the repeated hour"),
        .init(
            "Europe/Berlin", "15 * * * *", after: "2024-10-27T00:30:00+02:00",
            [
                "2024-10-27T01:15:00+02:00", "2024-10-27T02:15:00+02:00", "2024-10-27T02:15:00+01:00",
                "2024-10-27T03:15:00+01:00",
            ],
            "wildcard hour, fixed minute: real time"),
        .init(
            "Europe/Berlin", "* 2 * * *", after: "2024-03-30T23:00:00+01:00",
            ["2024-04-01T02:00:00+02:00"],
            "wildcard-minute job in a skipped hour does not run that day"),
        .init(
            "America/New_York", "30 2 * * *", after: "2024-03-09T12:00:00-05:00",
            ["2024-03-10T03:00:00-04:00", "2024-03-11T02:30:00-04:00"],
            "fixed time in the spring gap runs right after the jump"),
        .init(
            "America/New_York", "30 1 * * *", after: "2024-11-02T12:00:00-04:00",
            ["2024-11-03T01:30:00-04:00", "2024-11-04T01:30:00-05:00"],
            "fixed time in the repeated hour runs once"),
        .init(
            "America/New_York", "0 * * * *", after: "2024-11-03T00:30:00-04:00",
            ["2024-11-03T01:00:00-04:00", "2024-11-03T01:00:00-05:00", "2024-11-03T02:00:00-05:00"],
            "hourly job runs in both passes of the repeated hour"),
        .init(
            "America/New_York", "*/20 * * * *", after: "2024-03-10T01:30:00-05:00",
            ["2024-03-10T01:40:00-05:00", "2024-03-10T03:00:00-04:00", "2024-03-10T03:20:00-04:00"],
            "wildcard job follows real time across the gap"),
        .init(
            "Australia/Lord_Howe", "15 2 * * *", after: "2024-10-05T12:00:00+10:30",
            ["2024-10-06T02:30:00+11:00", "2024-10-07T02:15:00+11:00"],
            "30-minute gap: fixed time runs right after the jump"),
        .init(
            "Australia/Lord_Howe", "45 1 * * *", after: "2024-04-06T12:00:00+11:00",
            ["2024-04-07T01:45:00+11:00", "2024-04-08T01:45:00+10:30"],
            "30-minute repeat: fixed time runs once"),
        .init(
            "Australia/Lord_Howe", "*/15 * * * *", after: "2024-04-07T01:20:00+11:00",
            [
                "2024-04-07T01:30:00+11:00", "2024-04-07T01:45:00+11:00", "2024-04-07T01:30:00+10:30",
                "2024-04-07T01:45:00+10:30", "2024-04-07T02:00:00+10:30",
            ],
            "wildcard job runs in both passes of the repeated half hour"),
        .init(
            "Australia/Lord_Howe", "*/15 * * * *", after: "2024-10-06T01:40:00+10:30",
            ["2024-10-06T01:45:00+10:30", "2024-10-06T02:30:00+11:00", "2024-10-06T02:45:00+11:00"],
            "wildcard job follows real time across the 30-minute gap"),
        .init(
            "Australia/Lord_Howe", "0 */6 * * *", after: "2021-04-03T20:00:00+11:00",
            ["2021-04-04T00:00:00+11:00", "2021-04-04T12:00:00+10:30", "2021-04-04T18:00:00+10:30"],
            "cronsim quirk kept for agreement: 06:00 is skipped on the fall-back day"),
        .init(
            "America/Santiago", "0 0 * * *", after: "2024-09-07T12:00:00-04:00",
            ["2024-09-08T01:00:00-03:00", "2024-09-09T00:00:00-03:00"],
            "midnight in the gap runs right after the jump, at 01:00"),
        .init(
            "America/Santiago", "30 0 * * *", after: "2024-09-07T12:00:00-04:00",
            ["2024-09-08T01:00:00-03:00", "2024-09-09T00:30:00-03:00"],
            "00:30 in the gap runs at 01:00"),
        .init(
            "America/Santiago", "30 23 * * *", after: "2024-04-06T12:00:00-03:00",
            ["2024-04-06T23:30:00-03:00", "2024-04-07T23:30:00-04:00"],
            "fixed time in the repeated hour (23:00-24:00) runs once"),
        .init(
            "America/Santiago", "*/30 * * * *", after: "2024-04-06T22:40:00-03:00",
            [
                "2024-04-06T23:00:00-03:00", "2024-04-06T23:30:00-03:00", "2024-04-06T23:00:00-04:00",
                "2024-04-06T23:30:00-04:00", "2024-04-07T00:00:00-04:00",
            ],
            "wildcard job runs in both passes of the repeated hour"),
        .init(
            "America/Santiago", "*/30 * * * *", after: "2024-09-07T23:10:00-04:00",
            ["2024-09-07T23:30:00-04:00", "2024-09-08T01:00:00-03:00", "2024-09-08T01:30:00-03:00"],
            "wildcard job follows real time across the midnight gap"),
        .init(
            "America/Santiago", "*/15 0 * * *", after: "2024-09-07T12:00:00-04:00",
            ["2024-09-09T00:00:00-03:00"],
            "wildcard-minute job in the skipped hour 00 does not run that day"),
        .init(
            "America/Santiago", "*/15 0 8 9 *", after: "2024-09-01T12:00:00-04:00",
            ["2024-09-08T01:00:00-03:00"],
            "cronsim quirk kept for agreement: reached by a day jump it runs once at the jump"),
    ]

    @Test("fire times around DST changes", arguments: rows)
    func dst(_ row: Row) throws {
        let zone = try #require(TimeZone(identifier: row.zone))
        let schedule = CronSchedule(expression: try CronExpression(parsing: row.expression), timeZone: zone)
        let start = try #require(CronISO.date(from: row.start))
        let fires = schedule.fires(after: start, count: row.expected.count)
        #expect(fires.map { CronISO.string($0, in: zone) } == row.expected)
    }
}
