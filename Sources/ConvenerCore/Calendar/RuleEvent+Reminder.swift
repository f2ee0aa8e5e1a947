import Foundation

extension RuleEvent {
    /// The event a reminder rule receives before one instance of a calendar event: `event.payload` holds `event`
    /// (its id), `title`, `start` (a timestamp), `when` (the start on the community's clock), `minutesBefore`,
    /// `location` and `link` (empty when the event has none).
    public static func reminder(
        ruleID: String, event: CommunityEvent, instance: CommunityEvent.Instance, minutesBefore: Int,
        clock: CommunityClockText
    ) -> RuleEvent {
        var payload: [String: CELValue] = [
            "rule": .string(ruleID), "event": .string(event.id), "title": .string(event.title),
            "when": .string(clock.dateTime(instance.start)), "minutesBefore": .int(Int64(minutesBefore)),
            "location": .string(event.location ?? ""), "link": .string(event.link ?? ""),
        ]
        if let start = CELTimestamp(date: instance.start) { payload["start"] = .timestamp(start) }
        return RuleEvent(type: reminderType, payload: payload)
    }
}
