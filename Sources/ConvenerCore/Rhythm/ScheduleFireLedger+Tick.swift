import Foundation

extension ScheduleFireLedger {
    /// Arms, plans, applies holidays and collects due postponed fires for `schedule`, recording it all.
    ///
    /// This is the one call the scheduler makes when a schedule is due (and once per schedule at start-up).
    /// Persist the ledger before performing `runs`. Holiday-skipped instants carry `due == instant`. Postponed
    /// fires that fall due at the same moment as another run of this tick are merged into it, so a daily rule
    /// postponed over three holidays runs once on the next free day. A postponed fire whose new time has already
    /// passed (after downtime) runs at once, unless it is later than `catchUp.maxLateness`.
    public mutating func tick(
        _ schedule: String,
        timeline: some ScheduleTimeline,
        catchUp: ScheduleCatchUp,
        calendar: CommunityCalendar,
        holidays: HolidayHandling,
        now: Date
    ) -> ScheduleTick {
        arm(schedule, at: now)
        let plan = plan(for: schedule, timeline: timeline, catchUp: catchUp, now: now)
        let fresh = record(plan, for: schedule)
        guard var entry = entries[schedule] else { return ScheduleTick(plan: plan, nextDue: plan.nextDue) }
        var tick = ScheduleTick(plan: plan)
        var pending = entry.postponed
        for instant in fresh {
            switch calendar.decide(instant, handling: holidays) {
            case .run(let date):
                tick.runs.append(ScheduledRun(instant: date))
            case .skip(let holiday):
                tick.holidaySkips.append(PostponedFire(instant: instant, due: instant, holiday: holiday))
            case .postpone(let due, let holiday):
                let fire = PostponedFire(instant: instant, due: due, holiday: holiday)
                tick.postponed.append(fire)
                pending.append(fire)
            }
        }
        var runTimes = Set(tick.runs.map(\.instant))
        var waiting: [PostponedFire] = []
        for fire in pending.sorted(by: { ($0.due, $0.instant) < ($1.due, $1.instant) }) {
            guard fire.due <= now else {
                waiting.append(fire)
                continue
            }
            if let maxLateness = catchUp.maxLateness, now.timeIntervalSince(fire.due) > maxLateness {
                tick.tooLate.append(fire)
            } else if runTimes.contains(fire.due) {
                tick.merged.append(fire)
            } else {
                runTimes.insert(fire.due)
                tick.runs.append(ScheduledRun(instant: fire.instant, postponedFor: fire.holiday))
            }
        }
        tick.runs.sort { $0.instant < $1.instant }
        entry.postponed = waiting
        entries[schedule] = entry
        tick.nextDue = [plan.nextDue, waiting.first?.due].compactMap(\.self).min()
        return tick
    }
}
