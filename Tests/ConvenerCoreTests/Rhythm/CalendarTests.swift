import ConvenerCore
import Foundation
import Testing

@Suite("Community holidays")
struct CalendarTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt

    static func calendar(_ holidays: String...) -> CommunityCalendar {
        CommunityCalendar(timeZone: berlin, holidays: holidays.compactMap { CommunityHoliday(parsing: $0) })
    }

    @Test(
        "parses single days and ranges",
        arguments: [
            ("2026-12-25", "2026-12-25"), ("2026-12-24..2026-12-26", "2026-12-24..2026-12-26"),
            (" 2026-12-24 .. 2026-12-26 ", "2026-12-24..2026-12-26"), ("2028-02-29", "2028-02-29"),
        ])
    func parses(_ text: String, _ expected: String) {
        #expect(CommunityHoliday(parsing: text)?.description == expected)
    }

    @Test(
        "refuses malformed holidays",
        arguments: [
            "2026-12-26..2026-12-24", "2027-02-29", "2026-13-01", "26-12-24", "2026-12-24...2026-12-26", "christmas",
            "",
            "2026-12-24..",
        ])
    func refuses(_ text: String) {
        #expect(CommunityHoliday(parsing: text) == nil)
    }

    @Test("a day is the community's local day, not UTC's")
    func localDay() {
        let calendar = Self.calendar("2026-12-24")
        // 23:30 UTC on the 23rd is already the 24th in Berlin.
        #expect(calendar.holiday(at: rhythmDate("2026-12-23T23:30:00Z")) != nil)
        #expect(calendar.holiday(at: rhythmDate("2026-12-24T23:30:00Z")) == nil)
    }

    @Test("skip, postpone or ignore per rule")
    func handling() {
        let calendar = Self.calendar("2026-12-24..2026-12-26", "2026-12-31")
        let christmasEve = rhythmDate("2026-12-24T09:00:00+01:00")
        let holiday = CommunityHoliday(parsing: "2026-12-24..2026-12-26")
        #expect(calendar.decide(christmasEve, handling: .ignore) == .run(christmasEve))
        if let holiday {
            #expect(calendar.decide(christmasEve, handling: .skip) == .skip(holiday: holiday))
            #expect(
                calendar.decide(christmasEve, handling: .postpone)
                    == .postpone(to: rhythmDate("2026-12-27T09:00:00+01:00"), holiday: holiday))
        }
        let ordinary = rhythmDate("2026-12-28T09:00:00+01:00")
        #expect(calendar.decide(ordinary, handling: .skip) == .run(ordinary))
        // Postponing over adjacent holidays lands on the first free day.
        let twoHolidays = Self.calendar("2026-12-31", "2027-01-01")
        guard
            case .postpone(let date, _) = twoHolidays.decide(
                rhythmDate("2026-12-31T18:15:00+01:00"), handling: .postpone)
        else {
            Issue.record("expected a postponement")
            return
        }
        #expect(date == rhythmDate("2027-01-02T18:15:00+01:00"))
    }

    @Test(
        "postponing keeps the local time across DST changes",
        arguments: [
            // Saturday 09:00 CET before the spring change moves to Monday 09:00 CEST.
            ("2026-03-28", "2026-03-28T09:00:00+01:00", "2026-03-29..2026-03-29", "2026-03-30T09:00:00+02:00"),
            // 02:30 on a holiday moves into the gap of the next day: runs right after the jump (03:00 CEST).
            ("2026-03-28", "2026-03-28T02:30:00+01:00", "2026-03-28", "2026-03-29T03:00:00+02:00"),
            // 02:30 moves onto the fall-back day: the first occurrence (CEST).
            ("2026-10-24", "2026-10-24T02:30:00+02:00", "2026-10-24", "2026-10-25T02:30:00+02:00"),
            // An autumn evening moves to after the change with the same wall time.
            ("2026-10-24", "2026-10-24T19:00:00+02:00", "2026-10-24..2026-10-25", "2026-10-26T19:00:00+01:00"),
        ])
    func postponeAcrossDST(_ holiday: String, _ fire: String, _ range: String, _ expected: String) {
        let calendar = Self.calendar(holiday, range)
        guard case .postpone(let date, _) = calendar.decide(rhythmDate(fire), handling: .postpone) else {
            Issue.record("expected a postponement")
            return
        }
        #expect(date == rhythmDate(expected))
    }

    @Test("a fire with no free day within a year is skipped")
    func noFreeDay() {
        let calendar = Self.calendar("2026-01-01..2027-12-31")
        guard case .skip = calendar.decide(rhythmDate("2026-06-01T09:00:00Z"), handling: .postpone) else {
            Issue.record("expected a skip")
            return
        }
    }

    @Test("days round-trip through their day number and JSON")
    func dayArithmetic() throws {
        var day = RhythmDay(year: 1969, month: 12, day: 31)
        for _ in 0..<800 {
            guard let current = day else { break }
            #expect(RhythmDay(daysSinceEpoch: current.daysSinceEpoch) == current)
            #expect(current.addingDays(1).daysSinceEpoch == current.daysSinceEpoch + 1)
            day = current.addingDays(1)
        }
        #expect(RhythmDay(parsing: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(RhythmDay(parsing: "2026-12-24")?.addingDays(8).description == "2027-01-01")
        let holiday = try #require(CommunityHoliday(parsing: "2026-12-24..2026-12-26", name: "Winter break"))
        let decoded = try JSONDecoder().decode(CommunityHoliday.self, from: JSONEncoder().encode(holiday))
        #expect(decoded == holiday)
        #expect(
            String(decoding: try JSONEncoder().encode(RhythmDay(parsing: "2026-01-05")), as: UTF8.self)
                == "\"2026-01-05\"")
    }
}
