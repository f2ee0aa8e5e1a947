import Foundation

/// The variables of one event, shared by every rule it triggers: each is built the first time a rule reads it, so a
/// rule that reads only `member` does not pay for `event`, `community` or the whole `members` list.
struct RuleVariables {
    private var bound: [String: CELValue] = [:]
    private let event: RuleEvent
    private let context: RuleContext
    /// The time of the event.
    let now: Date

    /// The variables of `event` in `context` at `now`.
    init(event: RuleEvent, context: RuleContext, now: Date) {
        self.event = event
        self.context = context
        self.now = now
    }

    /// The activation for `rule`, with every variable it reads that the event has.
    mutating func activation(for rule: CompiledRule) -> CELActivation {
        for name in rule.variablesRead where bound[name] == nil {
            bound[name] = value(of: name)
        }
        return CELActivation(bound)
    }

    private func value(of name: String) -> CELValue? {
        switch name {
        case "event": event.celValue()
        case "community": context.community.celValue(memberCount: context.memberCount)
        case "now": RuleMemberView.timestamp(now)
        case "member": event.member?.celValue(now: now)
        case "members": .list(context.members.map { $0.celValue(now: now) })
        default: nil
        }
    }
}
