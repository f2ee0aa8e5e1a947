import Foundation

extension CommunityReducer {
    /// Decides what the passing of time does to `state` at `now`: due schedule fires, quiet members, and each
    /// feature's own deadlines, batches, rounds, follow-ups, tiers, celebrations and roster turns.
    ///
    /// First, a week that ended closes in the weekly history, and calendar events that are new or changed in the
    /// config get their next revision (SEQUENCE). Then, for every enabled schedule rule and every reminder rule of
    /// an event the community has, the fire ledger decides (catch-up, holidays, postponed fires) what runs now; the
    /// changed ledger entry comes first in the outcome's facts and the runs' messages after it, so they land in one
    /// journal record: a fire is recorded before its actions run. Then, when `lookingForQuietMembers`,
    /// `member.inactive` is raised once for each member silent for `profile.inactiveAfterDays` days: that looks at
    /// every member, so the runtime asks for it once a minute rather than every second.
    public func reduceTick(
        _ state: CommunityState, rules ruleState: inout RuleEngineState, now: Date, lookingForQuietMembers: Bool = true
    ) -> Outcome {
        // The week that ended closes before anything else this tick does, which belongs to the new week.
        var facts = state.analytics.closingFacts(state: state, weeks: analyticsWeeks, now: now)
        facts += calendarRevisions(state, now: now)
        var runner = RuleRunner(reducer: self, idPrefix: "tick", member: nil, state: state, now: now)
        var notes: [String] = []
        let calendar = profile.calendar
        for (ruleID, schedule) in rules.rules.schedules(communityTimeZone: profile.timeZone) {
            let options = rules.rules.rule(ruleID)?.spec.scheduleOptions ?? .standard
            guard let tick = tickLedger(ruleID, schedule, options.catchUp, options.holidays, state, now, &facts) else {
                continue
            }
            notes += Self.describe(tick, ruleID: ruleID)
            for run in tick.runs {
                runner.idPrefix = "schedule.\(ruleID).\(Int(run.instant.timeIntervalSince1970))"
                runner.member = nil
                facts += runner.run(RuleEvent.schedule(ruleID: ruleID), state: state, ruleState: &ruleState)
            }
        }
        let events = rules.rules.reminders().isEmpty ? [] : calendarEvents(state)
        for reminder in rules.rules.reminders() {
            // A shared rule may name an event only some communities have; the others have nothing to remind of.
            guard let event = events.first(where: { $0.id == reminder.event }) else { continue }
            let lead = TimeInterval(reminder.minutesBefore * 60)
            let timeline = EventReminderTimeline(event: event, calendar: calendar, lead: lead)
            var catchUp = rules.rules.rule(reminder.ruleID)?.spec.scheduleOptions.catchUp ?? ScheduleCatchUp()
            // A reminder found after its event began is no use: by default it is dropped then (one "at the start"
            // still has the minute every fire has to be on time).
            catchUp.maxLateness = catchUp.maxLateness ?? max(lead, catchUp.onTimeTolerance)
            // Holidays are the event's business: the timeline has no instant for an instance called off.
            guard let tick = tickLedger(reminder.ruleID, timeline, catchUp, .ignore, state, now, &facts) else {
                continue
            }
            notes += Self.describe(tick, ruleID: reminder.ruleID)
            for run in tick.runs {
                guard let instance = timeline.instance(remindedAt: run.instant) else { continue }
                runner.idPrefix = "reminder.\(reminder.ruleID).\(Int(run.instant.timeIntervalSince1970))"
                runner.member = nil
                let fired = RuleEvent.reminder(
                    ruleID: reminder.ruleID, event: event, instance: instance, minutesBefore: reminder.minutesBefore,
                    clock: profile.clockText)
                facts += runner.run(fired, state: state, ruleState: &ruleState)
            }
        }
        // Answer windows that ended close, so their answerers are forgotten; their counts are in the history.
        for prompt in state.prompts.expired(windowDays: settings.prompts.answerWindowDays, now: now) {
            facts.append(.prompt(.windowClosed(message: prompt.message)))
        }
        let threshold = TimeInterval(max(1, profile.inactiveAfterDays)) * 86_400
        // The date comes first, so the lookups run only for the few members who are quiet.
        let quiet =
            lookingForQuietMembers
            ? state.members.values.filter {
                now.timeIntervalSince($0.lastActiveAt) >= threshold && state.inactiveSince[$0.id] == nil
                    && !state.vacations.isAway($0.id, at: now)
            } : []
        for member in quiet.sorted(by: { $0.id < $1.id }) {
            facts.append(.memberInactiveRaised(member: member.id, at: now))
            let days = Int(now.timeIntervalSince(member.lastActiveAt) / 86_400)
            runner.idPrefix = "inactive.\(member.id.rawValue).\(Int(now.timeIntervalSince1970))"
            runner.member = member
            facts += runner.run(
                RuleEvent(type: "member.inactive", payload: ["days": .int(Int64(days))]), state: state,
                ruleState: &ruleState)
        }
        // The features see what this tick's rule runs already did (a `pairing.round` rule recorded a round), so
        // their own work continues from there instead of repeating round numbers or ids.
        var current = state
        if !runner.featureFacts.isEmpty { current.apply(runner.featureFacts) }
        let context = FeatureContext(reducer: self, state: current, now: now, idPrefix: "tick")
        let features = FeatureDesks.each { $0.tick(context) }
        facts += features.facts
        runner.idPrefix = "tick.\(Int(now.timeIntervalSince1970))"
        runner.member = nil
        runner.featureFacts += features.facts
        facts += runner.run(features.events, actingMember: nil, state: state, ruleState: &ruleState)
        var outcome = Outcome(facts: facts, notes: notes + features.notes + runner.notes)
        outcome.compactsJournal = features.compactsJournal || runner.compactsJournal
        return outcome
    }

    /// Ticks the fire ledger entry of `ruleID` on `timeline`; when the entry changed, appends it to `facts` (before
    /// the runs' messages, so a fire is recorded before its actions run) and returns what to run.
    private func tickLedger(
        _ ruleID: String, _ timeline: some ScheduleTimeline, _ catchUp: ScheduleCatchUp, _ holidays: HolidayHandling,
        _ state: CommunityState, _ now: Date, _ facts: inout [Fact]
    ) -> ScheduleTick? {
        // A ledger of this one entry, so a tick costs the same whatever the number of schedules.
        let before = state.scheduleLedger.entry(for: ruleID)
        var ledger = ScheduleFireLedger(entries: before.map { [ruleID: $0] } ?? [:])
        let tick = ledger.tick(
            ruleID, timeline: timeline, catchUp: catchUp, calendar: profile.calendar, holidays: holidays, now: now)
        guard let after = ledger.entry(for: ruleID), after != before else { return nil }
        facts.append(.scheduleRecorded(schedule: ruleID, entry: after))
        return tick
    }

    /// What must be recorded before the daemon stops: the pending feedback notes, in a record of their own (survey
    /// answers still waiting for their shuffled batch are already sealed in their pool file).
    public func reduceShutdown(_ state: CommunityState, now: Date) -> Outcome {
        let context = FeatureContext(reducer: self, state: state, now: now, idPrefix: "shutdown")
        let effects = FeatureDesks.each { $0.shutdown(context) }
        return Outcome(facts: effects.facts, notes: effects.notes)
    }

    private static func describe(_ tick: ScheduleTick, ruleID: String) -> [String] {
        var notes: [String] = []
        for skip in tick.plan.skipped {
            notes.append(
                "schedule \(ruleID): skipped \(skip.count) fire(s) from \(skip.earliest) to \(skip.latest) "
                    + "(\(skip.reason.rawValue))")
        }
        for skip in tick.holidaySkips {
            notes.append("schedule \(ruleID): skipped the fire of \(skip.instant), a holiday (\(skip.holiday))")
        }
        for fire in tick.postponed {
            notes.append("schedule \(ruleID): postponed the fire of \(fire.instant) to \(fire.due) (\(fire.holiday))")
        }
        for fire in tick.tooLate {
            notes.append("schedule \(ruleID): dropped the postponed fire of \(fire.instant), found too late")
        }
        return notes
    }
}
