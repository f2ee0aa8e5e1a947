import ConvenerCore
import Foundation
import Testing

@Suite("Catch-up after downtime")
struct CatchUpTests {
    /// Daily at 09:00 UTC.
    let daily: CronSchedule
    init() throws {
        daily = try rhythmCron("0 9 * * *", "UTC")
    }

    @Test("a new schedule never fires for the past")
    func newScheduleFiresNothing() {
        let ledger = ScheduleFireLedger()
        let now = rhythmDate("2026-03-02T10:00:00Z")
        for policy in CatchUpPolicy.allCases {
            let plan = ledger.plan(for: "weekly", timeline: daily, catchUp: ScheduleCatchUp(policy: policy), now: now)
            #expect(plan.fire.isEmpty)
            #expect(plan.skipped.isEmpty)
            #expect(plan.nextDue == rhythmDate("2026-03-03T09:00:00Z"))
        }
    }

    struct RestartCase: Sendable, CustomTestStringConvertible {
        let policy: CatchUpPolicy
        let restartAt: String
        let fired: [String]
        let skipped: [CatchUpSkip.Reason: Int]
        var testDescription: String { "\(policy) restarted \(restartAt)" }
    }

    // Armed Monday 08:00, killed 08:30, restarted later; daily 09:00 schedule.
    static let restartCases: [RestartCase] = [
        RestartCase(policy: .none, restartAt: "2026-03-02T10:00:00Z", fired: [], skipped: [.policyNone: 1]),
        RestartCase(policy: .latest, restartAt: "2026-03-02T10:00:00Z", fired: ["2026-03-02T09:00:00Z"], skipped: [:]),
        RestartCase(policy: .all, restartAt: "2026-03-02T10:00:00Z", fired: ["2026-03-02T09:00:00Z"], skipped: [:]),
        // Restarted just after the due time: on time, so it fires under every policy.
        RestartCase(policy: .none, restartAt: "2026-03-02T09:00:20Z", fired: ["2026-03-02T09:00:00Z"], skipped: [:]),
        RestartCase(policy: .latest, restartAt: "2026-03-02T09:00:20Z", fired: ["2026-03-02T09:00:00Z"], skipped: [:]),
        // Restarted before the due time: nothing yet.
        RestartCase(policy: .all, restartAt: "2026-03-02T08:59:00Z", fired: [], skipped: [:]),
        // Down three days.
        RestartCase(policy: .none, restartAt: "2026-03-04T12:00:00Z", fired: [], skipped: [.policyNone: 3]),
        RestartCase(
            policy: .latest, restartAt: "2026-03-04T12:00:00Z", fired: ["2026-03-04T09:00:00Z"],
            skipped: [.superseded: 2]),
        RestartCase(
            policy: .all, restartAt: "2026-03-04T12:00:00Z",
            fired: ["2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z", "2026-03-04T09:00:00Z"], skipped: [:]),
    ]

    @Test("killed before a due time and restarted after it", arguments: restartCases)
    func restart(_ scenario: RestartCase) throws {
        var ledger = ScheduleFireLedger()
        ledger.arm("daily", at: rhythmDate("2026-03-02T08:00:00Z"))
        let persisted = try JSONEncoder().encode(ledger)  // killed at 08:30 with this on disk
        var restarted = try JSONDecoder().decode(ScheduleFireLedger.self, from: persisted)
        let now = rhythmDate(scenario.restartAt)
        let plan = restarted.plan(
            for: "daily", timeline: daily, catchUp: ScheduleCatchUp(policy: scenario.policy), now: now)
        #expect(plan.fire == scenario.fired.map(rhythmDate))
        var counts: [CatchUpSkip.Reason: Int] = [:]
        for group in plan.skipped { counts[group.reason, default: 0] += group.count }
        #expect(counts == scenario.skipped)
        #expect(plan.nextDue == daily.nextFire(after: now))
        let toRun = restarted.record(plan, for: "daily")
        #expect(toRun == plan.fire)
        // Every instant up to now was either fired or reported: the next plan at the same time is empty.
        let again = restarted.plan(
            for: "daily", timeline: daily, catchUp: ScheduleCatchUp(policy: scenario.policy), now: now)
        #expect(again.fire.isEmpty && again.skipped.isEmpty)
    }

    @Test("an instant recorded before a crash is not repeated after the restart")
    func recordedInstantIsNotRepeated() throws {
        var ledger = ScheduleFireLedger()
        ledger.arm("daily", at: rhythmDate("2026-03-01T12:00:00Z"))
        let dueAt = rhythmDate("2026-03-02T09:00:01Z")
        let plan = ledger.plan(for: "daily", timeline: daily, catchUp: ScheduleCatchUp(), now: dueAt)
        #expect(ledger.record(plan, for: "daily") == [rhythmDate("2026-03-02T09:00:00Z")])
        // Persisted, then killed while the actions ran; restarted 30 minutes later.
        var restarted = try JSONDecoder().decode(ScheduleFireLedger.self, from: JSONEncoder().encode(ledger))
        let later = restarted.plan(
            for: "daily", timeline: daily, catchUp: ScheduleCatchUp(policy: .all),
            now: rhythmDate("2026-03-02T09:30:00Z"))
        #expect(later.fire.isEmpty)
        #expect(restarted.record(later, for: "daily").isEmpty)
        // Recording the same plan twice (a retried journal write) runs nothing the second time.
        #expect(restarted.record(plan, for: "daily").isEmpty)
        #expect(restarted.hasHandled("daily", instant: rhythmDate("2026-03-02T09:00:00Z")))
        #expect(!restarted.hasHandled("daily", instant: rhythmDate("2026-03-03T09:00:00Z")))
        #expect(restarted.entry(for: "daily")?.lastFired == rhythmDate("2026-03-02T09:00:00Z"))
    }

    @Test("an instant not recorded before a crash is found after the restart")
    func unrecordedInstantIsNotDropped() {
        var ledger = ScheduleFireLedger()
        ledger.arm("daily", at: rhythmDate("2026-03-01T12:00:00Z"))
        // The process died at 09:00:00.5, before recording; restarted 5 minutes later with policy none.
        let plan = ledger.plan(
            for: "daily", timeline: daily, catchUp: ScheduleCatchUp(policy: .none),
            now: rhythmDate("2026-03-02T09:05:00Z"))
        #expect(plan.fire.isEmpty)
        #expect(
            plan.skipped == [
                CatchUpSkip(
                    reason: .policyNone, count: 1, earliest: rhythmDate("2026-03-02T09:00:00Z"),
                    latest: rhythmDate("2026-03-02T09:00:00Z"))
            ])
        ledger.record(plan, for: "daily")
        #expect(ledger.entry(for: "daily")?.recentSkips == plan.skipped)
        #expect(ledger.entry(for: "daily")?.handledThrough == rhythmDate("2026-03-02T09:00:00Z"))
    }

    @Test("long downtime with all fires the 100 most recent and reports the rest", arguments: CatchUpPolicy.allCases)
    func longDowntime(_ policy: CatchUpPolicy) throws {
        let hourly = try rhythmCron("0 * * * *", "UTC")
        let since = rhythmDate("2026-03-01T00:30:00Z")
        let now = rhythmDate("2026-03-11T00:30:00Z")  // 240 missed instants
        let plan = ScheduleCatchUp(policy: policy).plan(timeline: hourly, since: since, now: now)
        #expect(plan.fire.count + plan.skippedCount == 240)
        #expect(plan.countsAreExact)
        #expect(plan.coveredThrough == rhythmDate("2026-03-11T00:00:00Z"))
        switch policy {
        case .none:
            #expect(plan.fire.isEmpty)
            #expect(plan.skipped.map(\.reason) == [.policyNone])
        case .latest:
            #expect(plan.fire == [rhythmDate("2026-03-11T00:00:00Z")])
            #expect(plan.skipped.map(\.reason) == [.superseded])
        case .all:
            #expect(plan.fire.count == ScheduleCatchUp.allCap)
            #expect(plan.fire.first == rhythmDate("2026-03-06T21:00:00Z"))
            #expect(plan.fire.last == rhythmDate("2026-03-11T00:00:00Z"))
            #expect(plan.fire == plan.fire.sorted())
            #expect(plan.skipped.first?.reason == .overCap && plan.skipped.first?.count == 140)
            #expect(plan.skipped.first?.latest == rhythmDate("2026-03-06T20:00:00Z"))
        }
    }

    @Test("a year of a minutely schedule is planned without enumerating it all")
    func veryLongDowntime() {
        let minutely = RhythmFakeTimeline(origin: rhythmDate("2025-01-01T00:00:00Z"), period: 60)
        let since = rhythmDate("2025-03-01T00:00:30Z")
        let now = rhythmDate("2026-03-01T00:00:30Z")
        let plan = ScheduleCatchUp(policy: .all).plan(timeline: minutely, since: since, now: now)
        #expect(!plan.countsAreExact)
        #expect(plan.fire.count == ScheduleCatchUp.allCap)
        #expect(plan.fire.last == rhythmDate("2026-03-01T00:00:00Z"))
        #expect(plan.skipped.allSatisfy { $0.reason == .overCap })
        #expect(plan.skipped.first?.earliest == rhythmDate("2025-03-01T00:01:00Z"))
        #expect(plan.skippedCount >= ScheduleCatchUp.enumerationBudget - 200)
        #expect(plan.nextDue == rhythmDate("2026-03-01T00:01:00Z"))
    }

    struct LatenessCase: Sendable, CustomTestStringConvertible {
        let policy: CatchUpPolicy
        let maxLateness: TimeInterval
        let fired: [String]
        let tooLate: Int
        var testDescription: String { "\(policy) maxLateness \(Int(maxLateness))s" }
    }

    // Daily 09:00, handled through Sunday, restarted Thursday 10:00: Mon-Thu missed.
    static let latenessCases: [LatenessCase] = [
        LatenessCase(policy: .all, maxLateness: 7_200, fired: ["2026-03-05T09:00:00Z"], tooLate: 3),
        LatenessCase(policy: .latest, maxLateness: 7_200, fired: ["2026-03-05T09:00:00Z"], tooLate: 3),
        LatenessCase(policy: .all, maxLateness: 1_800, fired: [], tooLate: 4),
        LatenessCase(policy: .latest, maxLateness: 1_800, fired: [], tooLate: 4),
        LatenessCase(
            policy: .all, maxLateness: 2 * 86_400,
            fired: ["2026-03-04T09:00:00Z", "2026-03-05T09:00:00Z"], tooLate: 2),
        LatenessCase(policy: .none, maxLateness: 7_200, fired: [], tooLate: 3),
    ]

    @Test("fires later than maxLateness are dropped and reported", arguments: latenessCases)
    func maxLateness(_ scenario: LatenessCase) {
        let catchUp = ScheduleCatchUp(policy: scenario.policy, maxLateness: scenario.maxLateness)
        let plan = catchUp.plan(
            timeline: daily, since: rhythmDate("2026-03-01T09:00:00Z"), now: rhythmDate("2026-03-05T10:00:00Z"))
        #expect(plan.fire == scenario.fired.map(rhythmDate))
        #expect(plan.skipped.first?.reason == .tooLate)
        #expect(plan.skipped.first?.count == scenario.tooLate)
        #expect(plan.fire.count + plan.skippedCount == 4)
    }

    @Test("a job in the spring-forward gap is caught up at its real instant (Berlin)")
    func springForward() throws {
        let schedule = try rhythmCron("30 2 * * *", "Europe/Berlin")
        // Killed 2026-03-29 00:30Z (01:30 CET), restarted 02:00Z (04:00 CEST).
        let plan = ScheduleCatchUp(policy: .latest).plan(
            timeline: schedule, since: rhythmDate("2026-03-29T00:30:00Z"), now: rhythmDate("2026-03-29T02:00:00Z"))
        #expect(plan.fire == [rhythmDate("2026-03-29T03:00:00+02:00")])
        #expect(plan.nextDue == rhythmDate("2026-03-30T02:30:00+02:00"))
    }

    @Test("a job at a repeated time is caught up once (Berlin fall-back)", arguments: CatchUpPolicy.allCases)
    func fallBack(_ policy: CatchUpPolicy) throws {
        let schedule = try rhythmCron("30 2 * * *", "Europe/Berlin")
        let plan = ScheduleCatchUp(policy: policy).plan(
            timeline: schedule, since: rhythmDate("2026-10-24T12:00:00Z"), now: rhythmDate("2026-10-26T00:00:00Z"))
        #expect(plan.fire.count + plan.skippedCount == 1)
        if policy != .none { #expect(plan.fire == [rhythmDate("2026-10-25T02:30:00+02:00")]) }
    }

    @Test("a half-hourly job catches up real time across the fall-back hour")
    func halfHourlyFallBack() throws {
        let schedule = try rhythmCron("*/30 * * * *", "Europe/Berlin")
        let plan = ScheduleCatchUp(policy: .all).plan(
            timeline: schedule, since: rhythmDate("2026-10-24T23:00:00Z"), now: rhythmDate("2026-10-25T03:00:00Z"))
        #expect(plan.fire.count == 8)
        #expect(Set(plan.fire).count == 8)
        #expect(plan.fire.last == rhythmDate("2026-10-25T03:00:00Z"))
    }

    @Test("a clock that went backwards fires nothing and keeps the resume point")
    func clockBackwards() {
        var ledger = ScheduleFireLedger(entries: [
            "daily": ScheduleFireLedger.Entry(
                armedAt: rhythmDate("2026-03-01T00:00:00Z"), handledThrough: rhythmDate("2026-03-05T09:00:00Z"))
        ])
        let plan = ledger.plan(
            for: "daily", timeline: daily, catchUp: ScheduleCatchUp(policy: .all),
            now: rhythmDate("2026-03-04T10:00:00Z"))
        #expect(plan.fire.isEmpty && plan.skipped.isEmpty)
        #expect(plan.nextDue == rhythmDate("2026-03-06T09:00:00Z"))
        ledger.record(plan, for: "daily")
        #expect(ledger.entry(for: "daily")?.handledThrough == rhythmDate("2026-03-05T09:00:00Z"))
    }

    @Test("recent fires are bounded and removed schedules are forgotten")
    func boundedLedger() {
        var ledger = ScheduleFireLedger()
        let hourly = RhythmFakeTimeline(origin: rhythmDate("2026-01-01T00:00:00Z"), period: 3_600)
        ledger.arm("hourly", at: rhythmDate("2026-01-01T00:30:00Z"))
        ledger.arm("gone", at: rhythmDate("2026-01-01T00:30:00Z"))
        var now = rhythmDate("2026-01-01T01:00:05Z")
        for _ in 0..<30 {
            let plan = ledger.plan(for: "hourly", timeline: hourly, catchUp: ScheduleCatchUp(policy: .none), now: now)
            #expect(ledger.record(plan, for: "hourly").count == 1)
            now = now.addingTimeInterval(3_600)
        }
        #expect(ledger.entry(for: "hourly")?.recentFires.count == ScheduleFireLedger.recentLimit)
        let armedAgain = ledger.arm("hourly", at: now)
        #expect(!armedAgain)
        ledger.retain(schedules: ["hourly"])
        #expect(ledger.entry(for: "gone") == nil)
        #expect(ledger.entry(for: "hourly") != nil)
    }
}
