/// Something that happened, as rules see it: the `event` variable (and `member`, when the event has one).
public struct RuleEvent: Sendable {
    /// The event type a schedule trigger receives; its payload names the rule in `rule`.
    public static let scheduleType = "schedule"
    /// The event type a reminder trigger receives; its payload names the rule in `rule` and the calendar event.
    public static let reminderType = "calendar.reminder"

    /// The event type, e.g. `member.joined` (see `RuleEventCatalog`).
    public var type: String
    /// The member the event is about, if any.
    public var member: RuleMemberView?
    /// Event-specific values (`event.payload.question`, …).
    public var payload: [String: CELValue]
    /// The ids of the rules whose effects led to this event, oldest first; empty for events from people.
    public var cause: [String]

    /// An event.
    public init(type: String, member: RuleMemberView? = nil, payload: [String: CELValue] = [:], cause: [String] = []) {
        self.type = type
        self.member = member
        self.payload = payload
        self.cause = cause
    }

    /// The event the scheduler sends when the schedule of rule `ruleID` fires.
    public static func schedule(ruleID: String) -> RuleEvent {
        RuleEvent(type: scheduleType, payload: ["rule": .string(ruleID)])
    }

    /// The rule a schedule or reminder event is for, if this is one.
    var scheduledRuleID: String? {
        guard type == Self.scheduleType || type == Self.reminderType, case .string(let id)? = payload["rule"] else {
            return nil
        }
        return id
    }

    /// The CEL type rules see.
    public static let celType = CELType.object(
        name: "Event",
        fields: ["type": .string, "payload": .map(.string, .dyn), "cause": .list(.string), "depth": .int])

    /// The event as a CEL record.
    func celValue() -> CELValue {
        .record([
            "type": .string(type), "payload": .record(payload), "cause": .list(cause.map(CELValue.string)),
            "depth": .int(Int64(cause.count)),
        ])
    }
}
