import Foundation
import Testing

@testable import ConvenerCore

/// Reminder rules: a post a fixed time before each instance of a calendar event, through the fire ledger.
@Suite("Event reminders")
struct EventReminderTests {
    /// 2026-03-01 10:00:00 UTC, a Sunday.
    let armed = Date(timeIntervalSince1970: 1_772_359_200)

    func profile() throws -> CommunityProfile {
        var profile = CommunityProfile(
            id: "ds", name: "Data Science", timeZone: try #require(TimeZone(identifier: "Europe/Berlin")),
            holidays: [try #require(CommunityHoliday(parsing: "2026-03-31"))])
        profile.events = [
            CommunityEvent(
                id: "meetup", title: "Meetup", location: "Room 4.12",
                start: try #require(CivilDateTime(iso: "2026-03-03T18:00")), durationMinutes: 90,
                recurrence: .rule(try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=TU")),
                cancelled: [try #require(RhythmDay(parsing: "2026-03-17"))]),
            CommunityEvent(
                id: "office-hours", title: "Office hours", start: try #require(CivilDateTime(iso: "2026-03-02T12:00")),
                recurrence: .cron(try CronExpression(parsing: "0 12 * * MON"))),
        ]
        return profile
    }

    func reducer(minutesBefore: Int = 30, event: String = "meetup", maxLateness: TimeInterval? = nil) throws
        -> CommunityReducer
    {
        let spec = RuleSpec(
            id: "remind", trigger: .reminder(event: event, minutesBefore: minutesBefore),
            actions: [
                .post(
                    text: RuleTemplate(
                        "{{ event.payload.title }} at {{ event.payload.when }} ({{ event.payload.minutesBefore }} min)"),
                    channel: nil)
            ],
            scheduleOptions: RuleScheduleOptions(catchUp: ScheduleCatchUp(maxLateness: maxLateness)))
        switch RuleCompiler.compile([spec]) {
        case .success(let rules): return CommunityReducer(profile: try profile(), rules: RuleEngine(rules: rules))
        case .failure(let problems): throw problems
        }
    }

    /// Ticks at each of `times`, restarting (a JSON round trip of the state, a fresh rule engine) before each one
    /// unless told not to; returns the posts with the time of the tick that made them.
    func run(_ reducer: CommunityReducer, _ state: inout CommunityState, at times: [Date], restarting: Bool = true)
        throws -> [(Date, String)]
    {
        var posts: [(Date, String)] = []
        for time in times {
            if restarting {
                state = try JSONDecoder().decode(CommunityState.self, from: JSONEncoder().encode(state))
            }
            var rules = state.ruleEngineState
            let outcome = reducer.reduceTick(state, rules: &rules, now: time)
            state.apply(outcome.facts)
            for case .messageQueued(let entry) in outcome.facts where entry.message.audience == .channel {
                posts.append((time, entry.message.text))
            }
        }
        return posts
    }

    func utc(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test("once per instance, 30 minutes before on the local clock across the DST change, none when called off")
    func acrossDST() throws {
        var state = CommunityState()
        let reducer = try reducer()
        // Every hour at half past (when reminders of 18:00 are due in either offset), and a second later.
        let halfHours = (0..<(39 * 24)).map { armed.addingTimeInterval(TimeInterval(1800 + $0 * 3600)) }
        let times = [armed] + halfHours.flatMap { [$0, $0.addingTimeInterval(1)] }
        let posts = try run(reducer, &state, at: times, restarting: false)
        // 03-17 was called off and 03-31 is a holiday; after 2026-03-29 Berlin is at +02:00.
        #expect(
            try posts.map(\.0)
                == ["2026-03-03T16:30:00Z", "2026-03-10T16:30:00Z", "2026-03-24T16:30:00Z", "2026-04-07T15:30:00Z"]
                .map(utc))
        #expect(posts.first?.1 == "Meetup at 2026-03-03 18:00 (Europe/Berlin) (30 min)")
        #expect(posts.last?.1 == "Meetup at 2026-04-07 18:00 (Europe/Berlin) (30 min)")
    }

    @Test("after downtime a missed reminder comes late while the event has not begun, and never after")
    func lateness() throws {
        let reducer = try reducer()
        var state = CommunityState()
        _ = try run(reducer, &state, at: [armed])
        // Down from before the first reminder (16:30Z) until 16:50Z: it comes at 16:50, once.
        let late = try run(reducer, &state, at: [try utc("2026-03-03T16:50:00Z"), try utc("2026-03-03T16:50:01Z")])
        #expect(late.map(\.1) == ["Meetup at 2026-03-03 18:00 (Europe/Berlin) (30 min)"])
        // Down until after the second meetup began (17:00Z): that reminder is dropped.
        let missed = try run(reducer, &state, at: [try utc("2026-03-10T17:05:00Z")])
        #expect(missed.isEmpty)
        let next = try run(reducer, &state, at: [try utc("2026-03-24T16:30:00Z")])
        #expect(next.count == 1)
    }

    @Test("a reminder added to the config never fires for instances before it was first seen")
    func armedFromFirstSight() throws {
        var state = CommunityState()
        let posts = try run(try reducer(), &state, at: [try utc("2026-03-03T16:45:00Z")])
        #expect(posts.isEmpty)
    }

    @Test("a cron event's reminders follow its schedule; a rule naming an event the community lacks stays quiet")
    func cronAndMissing() throws {
        var state = CommunityState()
        let posts = try run(
            try reducer(minutesBefore: 60, event: "office-hours"), &state,
            at: [armed, try utc("2026-03-02T10:00:00Z"), try utc("2026-03-09T10:00:00Z")])
        #expect(
            posts.map(\.1) == [
                "Office hours at 2026-03-02 12:00 (Europe/Berlin) (60 min)",
                "Office hours at 2026-03-09 12:00 (Europe/Berlin) (60 min)",
            ])
        var other = CommunityState()
        #expect(try run(try reducer(event: "unknown"), &other, at: [armed, try utc("2026-03-03T16:30:00Z")]).isEmpty)
    }

    @Test("the timeline skips instances called off and maps a reminder back to its instance")
    func timeline() throws {
        let profile = try profile()
        let timeline = EventReminderTimeline(event: profile.events[0], calendar: profile.calendar, lead: 1800)
        let afterSecond = try utc("2026-03-10T16:30:00Z")
        #expect(timeline.nextFire(after: afterSecond) == (try utc("2026-03-24T16:30:00Z")))
        let instance = try #require(timeline.instance(remindedAt: try utc("2026-04-07T15:30:00Z")))
        #expect(instance.local.description == "2026-04-07T18:00")
        #expect(timeline.instance(remindedAt: try utc("2026-04-07T15:31:00Z")) == nil)
    }

    @Test("/cop events says when reminders come and which events changed")
    func eventsListing() throws {
        let profile = try profile()
        let revision = CalendarEventRevision(
            fingerprint: "x", sequence: 2, firstSeen: armed, modifiedAt: try utc("2026-03-02T09:00:00Z"))
        let text = EventsCommand.text(
            profile: profile, now: try utc("2026-03-02T13:00:00Z"), revisions: ["meetup": revision],
            reminders: [(event: "meetup", minutesBefore: 30), (event: "meetup", minutesBefore: 1440)])
        #expect(
            text.components(separatedBy: "\n")[1]
                == "• 2026-03-03 18:00 (Europe/Berlin): Meetup (changed 2026-03-02) — Room 4.12 — "
                + "⏰ reminder 30 min and 1440 min before")
    }
}
