import Foundation
import Testing

@testable import ConvenerCore

/// Events from rules: a schedule rule with `calendar:` puts its fire times on the community's calendar.
@Suite("Calendar events from schedule rules")
struct RuleCalendarEventTests {
    /// 2026-03-01 10:00:00 UTC, a Sunday.
    let armed = Date(timeIntervalSince1970: 1_772_359_200)

    func profile(events: [CommunityEvent] = []) throws -> CommunityProfile {
        var profile = CommunityProfile(
            id: "ds", name: "Data Science", timeZone: try #require(TimeZone(identifier: "Europe/Berlin")))
        profile.events = events
        return profile
    }

    func studyGroup(title: String = "Study group", trigger: RuleTrigger? = nil) -> RuleSpec {
        RuleSpec(
            id: "study-group", trigger: trigger ?? .schedule(cron: "0 18 * * WED", timeZone: nil),
            actions: [.post(text: RuleTemplate("The study group starts now"), channel: nil)],
            calendar: RuleCalendarEntry(title: title, durationMinutes: 45, link: "https://meet.example.org/sg"))
    }

    func rules(_ specs: [RuleSpec]) throws -> RuleSet {
        try RuleCompiler.compile(specs).get()
    }

    func ticked(_ reducer: CommunityReducer, _ state: inout CommunityState, at now: Date) -> [Fact] {
        var engine = state.ruleEngineState
        let outcome = reducer.reduceTick(state, rules: &engine, now: now)
        state.apply(outcome.facts)
        return outcome.facts
    }

    @Test("the rule's fire times appear once the scheduler has seen it, from then on, with a revision")
    func appearsWhenArmed() throws {
        let reducer = CommunityReducer(profile: try profile(), rules: RuleEngine(rules: try rules([studyGroup()])))
        var state = CommunityState()
        #expect(reducer.calendarEvents(state).isEmpty)
        let facts = ticked(reducer, &state, at: armed)
        #expect(facts.contains { if case .calendarEventRevised("study-group", _) = $0 { true } else { false } })
        let event = try #require(reducer.calendarEvents(state).first)
        #expect(event.id == "study-group" && event.title == "Study group" && event.durationMinutes == 45)
        #expect(event.start.description == "2026-03-01T11:01")
        let instances = event.instances(
            through: try #require(CivilDateTime(iso: "2026-03-12T00:00")), calendar: reducer.profile.calendar)
        #expect(instances.map(\.local.description) == ["2026-03-04T18:00", "2026-03-11T18:00"])
        let document = CalendarFeed(
            profile: reducer.profile, events: reducer.calendarEvents(state), revisions: state.calendarRevisions
        ).document(now: armed)
        #expect(document.contains("UID:study-group@ds.convener\r\n"))
        #expect(document.contains("DTSTART;TZID=Europe/Berlin:20260304T180000\r\n"))
        #expect(document.contains("URL:https://meet.example.org/sg\r\n"))
    }

    @Test("changing the rule's calendar entry raises its SEQUENCE; its start stays where it was first seen")
    func changeRaisesSequence() throws {
        var state = CommunityState()
        let first = CommunityReducer(profile: try profile(), rules: RuleEngine(rules: try rules([studyGroup()])))
        _ = ticked(first, &state, at: armed)
        let renamed = CommunityReducer(
            profile: try profile(), rules: RuleEngine(rules: try rules([studyGroup(title: "Reading group")])))
        _ = ticked(renamed, &state, at: armed.addingTimeInterval(86_400))
        #expect(state.calendarRevisions["study-group"]?.sequence == 1)
        #expect(renamed.calendarEvents(state).first?.start.description == "2026-03-01T11:01")
    }

    @Test("a rule event can be reminded of, and calendar: needs a schedule trigger")
    func reminderAndTrigger() throws {
        let reminder = RuleSpec(
            id: "remind", trigger: .reminder(event: "study-group", minutesBefore: 15),
            actions: [.post(text: RuleTemplate("{{ event.payload.title }} in 15 minutes"), channel: nil)])
        let reducer = CommunityReducer(
            profile: try profile(), rules: RuleEngine(rules: try rules([studyGroup(), reminder])))
        var state = CommunityState()
        _ = ticked(reducer, &state, at: armed)
        // The reminder's own ledger entry starts on the next tick, the first that sees the rule's event.
        _ = ticked(reducer, &state, at: armed.addingTimeInterval(1))
        let facts = ticked(reducer, &state, at: try #require(ISO8601DateFormatter().date(from: "2026-03-04T16:45:00Z")))
        let posts = facts.compactMap { fact -> String? in
            if case .messageQueued(let entry) = fact { return entry.message.text }
            return nil
        }
        #expect(posts == ["Study group in 15 minutes"])
        guard case .failure(let problems) = RuleCompiler.compile([studyGroup(trigger: .event("member.joined"))]) else {
            Issue.record("calendar: on an event trigger was accepted")
            return
        }
        #expect(problems.problems.map(\.path) == ["calendar"])
    }

    @Test("the loader's check: a reminder of an unknown event, and a rule event taking a configured event's id")
    func crossCheck() throws {
        let meetup = CommunityEvent(
            id: "study-group", title: "Meetup", start: CivilDateTime(year: 2026, month: 3, day: 3))
        let reminder = RuleSpec(
            id: "remind", trigger: .reminder(event: "meetupp", minutesBefore: 15),
            actions: [.post(text: RuleTemplate("soon"), channel: nil)])
        let problems = CalendarRuleCheck.problems([
            (try profile(events: [meetup]), try rules([studyGroup(), reminder]))
        ])
        #expect(problems.count == 2)
        #expect(problems.contains { $0.hasPrefix("rule 'study-group': its calendar: event has the id of an event") })
        #expect(
            problems.contains {
                $0 == "rule 'remind': trigger.reminder.event: no community that runs the rule has an event 'meetupp' "
                    + "(events: study-group)"
            })
    }
}
