import Foundation
import Testing

@testable import ConvenerCore

/// SEQUENCE on changes: the reducer records a revision once per change of an event's definition, durably.
@Suite("Calendar event revisions")
struct CalendarRevisionTests {
    /// 2026-03-01 10:00:00 UTC.
    let start = Date(timeIntervalSince1970: 1_772_359_200)

    func profile(_ events: [CommunityEvent], holidays: [String] = []) throws -> CommunityProfile {
        var profile = CommunityProfile(
            id: "ds", name: "Data Science", timeZone: try #require(TimeZone(identifier: "Europe/Berlin")),
            holidays: holidays.compactMap { CommunityHoliday(parsing: $0) })
        profile.events = events
        return profile
    }

    func meetup(at start: String = "2026-03-03T18:00", title: String = "Meetup") throws -> CommunityEvent {
        CommunityEvent(
            id: "meetup", title: title, start: try #require(CivilDateTime(iso: start)), durationMinutes: 90,
            recurrence: .rule(try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=TU")))
    }

    /// Ticks once at `now` and applies the facts, as the daemon does; returns the revisions recorded.
    func tick(_ profile: CommunityProfile, _ state: inout CommunityState, at now: Date) -> [String: Int] {
        let reducer = CommunityReducer(profile: profile)
        var rules = state.ruleEngineState
        let outcome = reducer.reduceTick(state, rules: &rules, now: now)
        state.apply(outcome.facts)
        var revised: [String: Int] = [:]
        for case .calendarEventRevised(let event, let revision) in outcome.facts { revised[event] = revision.sequence }
        return revised
    }

    /// The state after a JSON round trip, as after a restart.
    func restarted(_ state: CommunityState) throws -> CommunityState {
        try JSONDecoder().decode(CommunityState.self, from: JSONEncoder().encode(state))
    }

    @Test("an event first seen starts at SEQUENCE 0, and unchanged ticks and restarts record nothing")
    func firstSeen() throws {
        var state = CommunityState()
        let profile = try profile([try meetup()])
        #expect(tick(profile, &state, at: start) == ["meetup": 0])
        #expect(tick(profile, &state, at: start.addingTimeInterval(1)).isEmpty)
        state = try restarted(state)
        #expect(tick(profile, &state, at: start.addingTimeInterval(3600)).isEmpty)
        #expect(state.calendarRevisions["meetup"]?.modifiedAt == start)
    }

    @Test(
        "each change of the definition raises SEQUENCE by one, once",
        arguments: ["time", "title", "cancelled", "holiday", "rule", "duration"])
    func changeRaisesSequence(_ change: String) throws {
        var state = CommunityState()
        _ = tick(try profile([try meetup()]), &state, at: start)
        var event = try meetup()
        var holidays: [String] = []
        switch change {
        case "time": event = try meetup(at: "2026-03-03T19:00")
        case "title": event = try meetup(title: "Monthly meetup")
        case "cancelled": event.cancelled = [try #require(RhythmDay(parsing: "2026-03-10"))]
        case "holiday": holidays = ["2026-03-10"]
        case "rule": event.recurrence = .rule(try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=WE"))
        default: event.durationMinutes = 60
        }
        let changed = try profile([event], holidays: holidays)
        state = try restarted(state)
        let later = start.addingTimeInterval(86_400)
        #expect(tick(changed, &state, at: later) == ["meetup": 1])
        #expect(tick(changed, &state, at: later.addingTimeInterval(1)).isEmpty)
        state = try restarted(state)
        #expect(tick(changed, &state, at: later.addingTimeInterval(60)).isEmpty)
        let revision = try #require(state.calendarRevisions["meetup"])
        #expect(revision.sequence == 1 && revision.modifiedAt == later && revision.firstSeen == start)
    }

    @Test("a holiday does not change an event that keeps its instances on holidays")
    func keptHolidays() throws {
        var event = try meetup()
        event.skipsHolidays = false
        var state = CommunityState()
        _ = tick(try profile([event]), &state, at: start)
        #expect(tick(try profile([event], holidays: ["2026-03-10"]), &state, at: start.addingTimeInterval(60)).isEmpty)
    }

    @Test("the feed carries SEQUENCE, CREATED and LAST-MODIFIED from the revision")
    func feedCarriesRevision() throws {
        var state = CommunityState()
        _ = tick(try profile([try meetup()]), &state, at: start)
        let changed = try profile([try meetup(at: "2026-03-03T19:00")])
        let later = start.addingTimeInterval(86_400)
        _ = tick(changed, &state, at: later)
        let document = CalendarFeed(profile: changed, events: changed.events, revisions: state.calendarRevisions)
            .document(now: later.addingTimeInterval(60))
        let lines = document.components(separatedBy: "\r\n")
        #expect(lines.contains("SEQUENCE:1"))
        #expect(lines.contains("CREATED:20260301T100000Z"))
        #expect(lines.contains("LAST-MODIFIED:20260302T100000Z"))
        #expect(lines.contains("DTSTAMP:20260302T100100Z"))
    }

    @Test("a state written before revisions existed decodes with none")
    func olderState() throws {
        let data = Data(#"{"members":{},"outbox":[]}"#.utf8)
        #expect(try JSONDecoder().decode(CommunityState.self, from: data).calendarRevisions.isEmpty)
    }
}
