import ConvenerCore
import Foundation
import Testing

@Suite("Schedule ticks with holidays")
struct ScheduleTickTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    let winterBreak: CommunityHoliday
    let calendar: CommunityCalendar

    init() throws {
        winterBreak = try #require(CommunityHoliday(parsing: "2026-12-24..2026-12-26", name: "Winter break"))
        calendar = CommunityCalendar(timeZone: Self.berlin, holidays: [winterBreak])
    }

    @Test("a daily rule postponed over three holidays runs once on the next free day")
    func dailyPostponed() throws {
        let daily = try rhythmCron("0 9 * * *", "Europe/Berlin")
        var ledger = ScheduleFireLedger()
        ledger.arm("daily", at: rhythmDate("2026-12-22T12:00:00+01:00"))
        var runs: [String: [ScheduledRun]] = [:]
        var merged = 0
        for day in 23...28 {
            let now = rhythmDate("2026-12-\(day)T09:00:02+01:00")
            let tick = ledger.tick(
                "daily", timeline: daily, catchUp: ScheduleCatchUp(), calendar: calendar, holidays: .postpone,
                now: now)
            runs["\(day)"] = tick.runs
            merged += tick.merged.count
            if (24...26).contains(day) {
                #expect(tick.postponed.map(\.due) == [rhythmDate("2026-12-27T09:00:00+01:00")])
                #expect(tick.nextDue == rhythmDate("2026-12-\(day + 1)T09:00:00+01:00"))
            }
            // Restart between every tick.
            ledger = try JSONDecoder().decode(ScheduleFireLedger.self, from: JSONEncoder().encode(ledger))
        }
        #expect(runs["23"] == [ScheduledRun(instant: rhythmDate("2026-12-23T09:00:00+01:00"))])
        for day in 24...26 { #expect(runs["\(day)"] == []) }
        #expect(runs["27"] == [ScheduledRun(instant: rhythmDate("2026-12-27T09:00:00+01:00"))])
        #expect(merged == 3)
        #expect(runs["28"]?.count == 1)
        #expect(ledger.entry(for: "daily")?.postponed == [])
    }

    @Test("a weekly rule on a holiday is postponed and survives a restart")
    func weeklyPostponed() throws {
        let thursdays = try rhythmCron("0 18 * * 4", "Europe/Berlin")
        var ledger = ScheduleFireLedger()
        ledger.arm("weekly", at: rhythmDate("2026-12-20T12:00:00+01:00"))
        let onHoliday = ledger.tick(
            "weekly", timeline: thursdays, catchUp: ScheduleCatchUp(), calendar: calendar, holidays: .postpone,
            now: rhythmDate("2026-12-24T18:00:01+01:00"))
        #expect(onHoliday.runs.isEmpty)
        #expect(onHoliday.nextDue == rhythmDate("2026-12-27T18:00:00+01:00"))
        var restarted = try JSONDecoder().decode(ScheduleFireLedger.self, from: JSONEncoder().encode(ledger))
        let early = restarted.tick(
            "weekly", timeline: thursdays, catchUp: ScheduleCatchUp(), calendar: calendar, holidays: .postpone,
            now: rhythmDate("2026-12-27T17:59:00+01:00"))
        #expect(early.runs.isEmpty)
        let due = restarted.tick(
            "weekly", timeline: thursdays, catchUp: ScheduleCatchUp(), calendar: calendar, holidays: .postpone,
            now: rhythmDate("2026-12-27T18:00:01+01:00"))
        #expect(due.runs == [ScheduledRun(instant: rhythmDate("2026-12-24T18:00:00+01:00"), postponedFor: winterBreak)])
        #expect(due.nextDue == rhythmDate("2026-12-31T18:00:00+01:00"))
        let again = restarted.tick(
            "weekly", timeline: thursdays, catchUp: ScheduleCatchUp(), calendar: calendar, holidays: .postpone,
            now: rhythmDate("2026-12-27T18:05:00+01:00"))
        #expect(again.runs.isEmpty)
    }

    @Test("skip drops the holiday fire; ignore runs it")
    func skipAndIgnore() throws {
        let thursdays = try rhythmCron("0 18 * * 4", "Europe/Berlin")
        for handling in [HolidayHandling.skip, .ignore] {
            var ledger = ScheduleFireLedger()
            ledger.arm("weekly", at: rhythmDate("2026-12-20T12:00:00+01:00"))
            let tick = ledger.tick(
                "weekly", timeline: thursdays, catchUp: ScheduleCatchUp(), calendar: calendar, holidays: handling,
                now: rhythmDate("2026-12-24T18:00:01+01:00"))
            #expect(tick.runs.count == (handling == .ignore ? 1 : 0))
            #expect(tick.holidaySkips.count == (handling == .skip ? 1 : 0))
            #expect(ledger.entry(for: "weekly")?.postponed == [])
        }
    }

    @Test("after downtime a postponed fire whose new time passed runs at once, within maxLateness")
    func downtime() throws {
        let thursdays = try rhythmCron("0 18 * * 4", "Europe/Berlin")
        for (maxLateness, runs) in [(4 * 86_400.0, 1), (12 * 3_600.0, 0)] {
            var ledger = ScheduleFireLedger()
            ledger.arm("weekly", at: rhythmDate("2026-12-20T12:00:00+01:00"))
            let tick = ledger.tick(
                "weekly", timeline: thursdays, catchUp: ScheduleCatchUp(policy: .latest, maxLateness: maxLateness),
                calendar: calendar, holidays: .postpone, now: rhythmDate("2026-12-28T12:00:00+01:00"))
            #expect(tick.runs.count == runs)
            #expect(tick.runs.first?.postponedFor == (runs == 1 ? winterBreak : nil))
            #expect(tick.plan.fire.count + tick.plan.skippedCount == 1)
            #expect(ledger.entry(for: "weekly")?.postponed == [])
        }
    }

    @Test("a new schedule's first tick only arms it")
    func firstTick() throws {
        let daily = try rhythmCron("0 9 * * *", "Europe/Berlin")
        var ledger = ScheduleFireLedger()
        let now = rhythmDate("2026-12-23T10:00:00+01:00")
        let tick = ledger.tick(
            "new", timeline: daily, catchUp: ScheduleCatchUp(policy: .all), calendar: calendar, holidays: .skip,
            now: now)
        #expect(tick.runs.isEmpty && tick.plan.skipped.isEmpty)
        #expect(ledger.entry(for: "new")?.armedAt == now)
        #expect(tick.nextDue == rhythmDate("2026-12-24T09:00:00+01:00"))
    }
}
