import Foundation

extension CommunityReducer {
    /// The revisions to record for calendar events that are new, or whose definition changed since the state last
    /// saw them (a config edited between two runs): one `calendarEventRevised` per change, so SEQUENCE rises once.
    func calendarRevisions(_ state: CommunityState, now: Date) -> [Fact] {
        eventFingerprints.compactMap { event in
            CalendarEventRevision.next(
                after: state.calendarRevisions[event.id], fingerprint: event.fingerprint, now: now
            ).map { Fact.calendarEventRevised(event: event.id, revision: $0) }
        }
    }

    /// Where rule events start before they are placed: the same for every process, so their fingerprints are stable.
    static let ruleEventPlaceholder = CivilDateTime(year: 2000, month: 1, day: 1)

    /// The community's calendar: the config's events, then the events of schedule rules with `calendar:` that the
    /// scheduler has seen, each starting at the first minute after it first saw the rule (it never fires before).
    public func calendarEvents(_ state: CommunityState) -> [CommunityEvent] {
        profile.events
            + ruleEvents.compactMap { event in
                guard let armedAt = state.scheduleLedger.entry(for: event.id)?.armedAt else { return nil }
                var placed = event
                placed.start = CommunityEvent.civil(of: armedAt.addingTimeInterval(60), in: profile.timeZone)
                return placed
            }
    }
}
