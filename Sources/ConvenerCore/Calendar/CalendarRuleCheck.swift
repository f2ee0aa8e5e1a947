/// Checks, once the communities and their rules are known, what neither can check alone: that every reminder
/// names an event some community running it has, and that no rule's calendar event takes a configured event's id.
public enum CalendarRuleCheck {
    /// One sentence per problem; empty when all is well.
    public static func problems(_ communities: [(profile: CommunityProfile, rules: RuleSet)]) -> [String] {
        var problems: [String] = []
        var remindedEvents: [String: (event: String, found: Bool)] = [:]
        var known: Set<String> = []
        for (profile, rules) in communities {
            let ruleEvents = rules.calendarEvents(start: CivilDateTime(year: 2000, month: 1, day: 1))
            let ids = Set(profile.events.map(\.id) + ruleEvents.map(\.id))
            known.formUnion(ids)
            for event in ruleEvents where profile.events.contains(where: { $0.id == event.id }) {
                problems.append(
                    "rule '\(event.id)': its calendar: event has the id of an event of \(profile.name) "
                        + "(communities[].events); rename the rule or the event, since calendars tell events apart by id"
                )
            }
            for reminder in rules.reminders() {
                let found = remindedEvents[reminder.ruleID]?.found ?? false
                remindedEvents[reminder.ruleID] = (reminder.event, found || ids.contains(reminder.event))
            }
        }
        for (ruleID, reminded) in remindedEvents.sorted(by: { $0.key < $1.key }) where !reminded.found {
            let choices =
                known.isEmpty ? "no community has events yet" : "events: \(known.sorted().joined(separator: ", "))"
            let guess = RuleSuggestion.closest(to: reminded.event, in: known.sorted()).map { "; did you mean \($0)?" }
            problems.append(
                "rule '\(ruleID)': trigger.reminder.event: no community that runs the rule has an event "
                    + "'\(reminded.event)'\(guess ?? "") (\(choices))")
        }
        return problems
    }
}
