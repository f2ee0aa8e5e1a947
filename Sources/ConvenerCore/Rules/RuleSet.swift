import Foundation

/// The compiled, validated rules of a community, indexed by the event type that triggers them.
public struct RuleSet: Sendable {
    /// The rules in the order they were written.
    public let rules: [CompiledRule]
    private let indexByEventType: [String: [Int]]
    private let indexByID: [String: Int]

    /// A rule set; ids are expected to be unique (`RuleCompiler.compile` checks).
    public init(rules: [CompiledRule]) {
        self.rules = rules
        var byType: [String: [Int]] = [:]
        var byID: [String: Int] = [:]
        for (offset, rule) in rules.enumerated() {
            if case .event(let type) = rule.spec.trigger { byType[type, default: []].append(offset) }
            if byID[rule.id] == nil { byID[rule.id] = offset }
        }
        indexByEventType = byType
        indexByID = byID
    }

    /// No rules.
    public static let empty = RuleSet(rules: [])

    /// These rules with a community's own: a rule of `own` with the id of one of these takes its place (so
    /// `enabled: false` under the same id turns a shared rule off), and the others follow in their order.
    public func overriding(with own: RuleSet) -> RuleSet {
        var merged = rules.map { own.rule($0.id) ?? $0 }
        merged += own.rules.filter { indexByID[$0.id] == nil }
        return RuleSet(rules: merged)
    }

    /// The rule with `id`.
    public func rule(_ id: String) -> CompiledRule? {
        indexByID[id].map { rules[$0] }
    }

    /// The enabled rules `event` triggers: the rules on its type, or the one rule a schedule event names.
    public func rules(triggeredBy event: RuleEvent) -> [CompiledRule] {
        indices(triggeredBy: event).map { rules[$0] }
    }

    /// The positions in `rules` of the enabled rules `event` triggers (no copies of the rules).
    func indices(triggeredBy event: RuleEvent) -> [Int] {
        if let scheduled = event.scheduledRuleID {
            guard let index = indexByID[scheduled], rules[index].spec.enabled,
                rules[index].spec.trigger.eventType == event.type
            else {
                return []
            }
            return [index]
        }
        return (indexByEventType[event.type] ?? []).filter { rules[$0].spec.enabled }
    }

    /// The enabled schedule rules, for the scheduler to register: fire `RuleEvent.schedule(ruleID:)` for each.
    /// Rules that name no time zone follow `communityTimeZone`.
    public func schedules(communityTimeZone: TimeZone) -> [(ruleID: String, schedule: CronSchedule)] {
        rules.compactMap { rule in
            guard rule.spec.enabled, let schedule = rule.schedule,
                case .schedule(_, let zoneName) = rule.spec.trigger
            else { return nil }
            let zone = zoneName == nil ? communityTimeZone : schedule.timeZone
            return (rule.id, CronSchedule(expression: schedule.expression, timeZone: zone))
        }
    }

    /// The enabled reminder rules, for the scheduler: fire `RuleEvent.reminder` before each instance of the event.
    public func reminders() -> [(ruleID: String, event: String, minutesBefore: Int)] {
        rules.compactMap { rule in
            guard rule.spec.enabled, case .reminder(let event, let minutes) = rule.spec.trigger else { return nil }
            return (rule.id, event, minutes)
        }
    }

    /// The events the enabled schedule rules with `calendar:` put on the calendar, each with the rule's id, cron
    /// recurrence, zone and holiday handling (a skipped or postponed fire shows as called off), starting at
    /// `start` (the caller's: a rule's events begin when the scheduler first saw it).
    public func calendarEvents(start: CivilDateTime) -> [CommunityEvent] {
        rules.compactMap { rule in
            guard rule.spec.enabled, let entry = rule.spec.calendar, let schedule = rule.schedule,
                case .schedule(_, let zoneName) = rule.spec.trigger
            else { return nil }
            var event = CommunityEvent(
                id: rule.id, title: entry.title, details: entry.details, location: entry.location, link: entry.link,
                start: start, durationMinutes: entry.durationMinutes, recurrence: .cron(schedule.expression),
                skipsHolidays: rule.spec.scheduleOptions.holidays != .ignore)
            event.scheduleTimeZone = zoneName == nil ? nil : schedule.timeZone
            return event
        }
    }
}
