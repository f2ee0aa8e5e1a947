import Foundation

/// A dry run of one rule against one event, readable by a convenor: nothing is sent and no state changes.
public struct RuleExplanation: Sendable, Equatable, CustomStringConvertible {
    /// The rule's id.
    public var ruleID: String
    /// Its description.
    public var summary: String
    /// Its trigger, as text.
    public var trigger: String
    /// Whether the rule is enabled.
    public var enabled: Bool
    /// The event type explained.
    public var eventType: String
    /// Whether that event would trigger the rule.
    public var triggerMatches: Bool
    /// Why the rule would be dropped before evaluating (loop, chain depth), if it would.
    public var dropped: String?
    /// Every condition with its value (`true`, `false` or `error: …`).
    public var conditions: [RuleConditionTrace]
    /// The members foreach selects, by id and name (nil without foreach).
    public var selected: [String]?
    /// The actions the rule would take, rendered.
    public var effects: [String]
    /// Why it would not act, if it would not (a false condition, an error, nobody selected).
    public var verdict: String
    /// The rule's recent runs, oldest first (empty when explained without the engine's state).
    public var recentRuns: [RuleTrace]

    /// The explanation as a few lines of plain text.
    public var description: String {
        var lines = ["Rule \(ruleID)" + (summary.isEmpty ? "" : ": \(summary)")]
        lines.append("Trigger: \(trigger)" + (enabled ? "" : " (disabled)"))
        lines.append("Event: \(eventType)" + (triggerMatches ? "" : " — this event does not trigger the rule"))
        if let dropped { lines.append("Dropped: \(dropped)") }
        if !conditions.isEmpty {
            lines.append("Conditions:")
            for (offset, condition) in conditions.enumerated() {
                lines.append("  \(offset + 1). \(condition.source)  →  \(condition.value)")
            }
        }
        if let selected {
            lines.append(
                "Foreach selects \(selected.count) member\(selected.count == 1 ? "" : "s")"
                    + (selected.isEmpty ? "" : ": " + selected.prefix(20).joined(separator: ", "))
                    + (selected.count > 20 ? ", …" : ""))
        }
        if effects.isEmpty {
            lines.append("Would do nothing" + (verdict.isEmpty ? "." : ": \(verdict)"))
        } else {
            lines.append("Would do (dry run, nothing sent):")
            lines += effects.map { "  - \($0)" }
            if !verdict.isEmpty { lines.append("Note: \(verdict)") }
        }
        if !recentRuns.isEmpty {
            lines.append("Recent runs:")
            lines += recentRuns.suffix(10).map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// `2026-11-23T09:00:00Z`.
    static func timeText(_ date: Date) -> String {
        CELTimestamp(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))?.description ?? "\(date)"
    }
}

extension RuleEngine {
    /// Dry-runs rule `ruleID` against `event`: conditions, foreach members and rendered actions; sends nothing.
    public func explain(ruleID: String, event: RuleEvent, context: RuleContext, now: Date)
        -> Result<RuleExplanation, RuleError>
    {
        explain(ruleID: ruleID, event: event, context: context, state: nil, now: now)
    }

    /// The same, including the rule's recent runs from `state` (read only).
    public func explain(ruleID: String, event: RuleEvent, context: RuleContext, state: RuleEngineState?, now: Date)
        -> Result<RuleExplanation, RuleError>
    {
        guard let rule = rules.rule(ruleID) else {
            return .failure(
                .unknownRule(ruleID, suggestion: RuleSuggestion.closest(to: ruleID, in: rules.rules.map(\.id))))
        }
        var explanation = RuleExplanation(
            ruleID: rule.id, summary: rule.spec.description, trigger: rule.spec.trigger.description,
            enabled: rule.spec.enabled, eventType: event.type,
            triggerMatches: event.type == rule.spec.trigger.eventType, dropped: nil, conditions: [], selected: nil,
            effects: [], verdict: "",
            recentRuns: state?.recentTraces(of: rule.id, limit: limits.tracesPerRule) ?? [])
        if event.cause.contains(rule.id) {
            explanation.dropped = "the event was caused by this rule, so it would re-trigger itself"
        } else if event.cause.count >= limits.maximumChainDepth {
            explanation.dropped =
                "the cause chain is \(event.cause.count) rules deep (at most \(limits.maximumChainDepth))"
        }
        var variables = RuleVariables(event: event, context: context, now: now)
        let evaluation = RuleEvaluation(
            rule: rule, event: event, context: context, variables: &variables, evaluatingEveryCondition: true)
        explanation.conditions = evaluation.conditions
        explanation.selected = evaluation.selected?.map { "\($0.name) (\($0.id))" }
        let rendered = evaluation.renderEveryTarget()
        explanation.effects = rendered.runs.flatMap { $0.actions.map(\.description) }
        explanation.verdict = evaluation.failure ?? (evaluation.passed ? "" : evaluation.skipReason)
        if !rendered.failures.isEmpty {
            explanation.verdict = rendered.failures.joined(separator: "; ")
        }
        return .success(explanation)
    }

    /// What `/cop rules explain RULE_ID` shows without an event: the rule and its recent runs.
    public func describe(ruleID: String, state: RuleEngineState) -> Result<String, RuleError> {
        guard let rule = rules.rule(ruleID) else {
            return .failure(
                .unknownRule(ruleID, suggestion: RuleSuggestion.closest(to: ruleID, in: rules.rules.map(\.id))))
        }
        var lines = ["Rule \(rule.id)" + (rule.spec.description.isEmpty ? "" : ": \(rule.spec.description)")]
        lines.append("Trigger: \(rule.spec.trigger.description)" + (rule.spec.enabled ? "" : " (disabled)"))
        if let schedule = rule.schedule {
            lines.append("Runs \(schedule.expression)")
        }
        for (offset, condition) in rule.spec.conditions.enumerated() {
            lines.append("Condition \(offset + 1): \(condition)")
        }
        if let foreach = rule.spec.foreach { lines.append("For each of: \(foreach)") }
        lines.append("Actions: " + rule.spec.actions.map(\.key).joined(separator: ", "))
        lines.append("Mode: \(rule.spec.mode)")
        if let limit = rule.spec.rateLimit {
            let parts = [limit.global.map { "\($0)" }, limit.perMember.map { "\($0) per member" }].compactMap { $0 }
            lines.append("Rate limit: " + parts.joined(separator: ", "))
        }
        let traces = state.recentTraces(of: rule.id, limit: limits.tracesPerRule)
        lines.append(traces.isEmpty ? "No recent runs." : "Recent runs:")
        lines += traces.suffix(10).map { "  \($0)" }
        return .success(lines.joined(separator: "\n"))
    }

    /// What `/cop rules list` shows: one line per rule.
    public func list() -> String {
        guard !rules.rules.isEmpty else { return "No rules." }
        return rules.rules.map { rule in
            "\(rule.id) — \(rule.spec.trigger.description)" + (rule.spec.enabled ? "" : " (disabled)")
                + (rule.spec.description.isEmpty ? "" : ": \(rule.spec.description)")
        }.joined(separator: "\n")
    }
}
