import Foundation

/// The variables of one event, built once and shared by every rule it triggers (`members` only when needed).
struct RuleVariables {
    /// `event`, `community`, `now` and, when the event has one, `member`.
    private(set) var base: [String: CELValue]
    private var membersBuilt = false
    private let context: RuleContext
    /// The time of the event.
    let now: Date

    /// The variables of `event` in `context` at `now`.
    init(event: RuleEvent, context: RuleContext, now: Date) {
        self.context = context
        self.now = now
        base = [
            "event": event.celValue(), "community": context.community.celValue(memberCount: context.memberCount),
            "now": RuleMemberView.timestamp(now),
        ]
        if let member = event.member { base["member"] = member.celValue(now: now) }
    }

    /// The activation for `rule` (adds `members` the first time a rule needs it).
    mutating func activation(for rule: CompiledRule) -> CELActivation {
        if rule.usesMembers && !membersBuilt {
            base["members"] = .list(context.members.map { $0.celValue(now: now) })
            membersBuilt = true
        }
        return CELActivation(base)
    }
}
