import Foundation

/// What one trigger of one rule did, kept for `explain` and for logs.
public struct RuleTrace: Codable, Sendable, Equatable, CustomStringConvertible {
    /// How a triggered run ended.
    public enum Outcome: String, Codable, Sendable, Equatable {
        /// The rule acted (possibly for some of the foreach members only).
        case fired
        /// A condition was false, or foreach selected nobody.
        case skipped
        /// An expression or template failed while evaluating.
        case failed
        /// The rule's rate limit (or every selected member's) was exhausted.
        case rateLimited
        /// The community's hourly outbound budget was exhausted.
        case budgetExhausted
        /// The event was caused by this same rule: it would re-trigger itself.
        case loopDropped
        /// The cause chain was longer than the engine allows.
        case chainTooDeep
        /// The rule already had as many open runs as its mode allows.
        case busy
        /// The trigger waits in the queue of a `queued` rule.
        case queued
    }

    /// How many effect descriptions a trace keeps.
    public static let effectsShown = 5

    /// The rule.
    public var ruleID: String
    /// The run id, when a run started.
    public var runID: String?
    /// When the event was processed.
    public var at: Date
    /// The event type.
    public var eventType: String
    /// The event's cause chain.
    public var cause: [String]
    /// The event's member, if any.
    public var member: MemberID?
    /// How it ended.
    public var outcome: Outcome
    /// Each evaluated condition with its value (`true`, `false`, or `error: …`).
    public var conditions: [RuleConditionTrace]
    /// The members foreach selected.
    public var selected: [MemberID]
    /// The first effects (at most `RuleTrace.effectsShown`), as one-line descriptions.
    public var effects: [String]
    /// How many effects the run had in all.
    public var effectCount: Int
    /// Details: the error, which limit, which members were rate limited.
    public var note: String

    /// A trace.
    public init(
        ruleID: String, runID: String? = nil, at: Date, eventType: String, cause: [String], member: MemberID?,
        outcome: Outcome, conditions: [RuleConditionTrace] = [], selected: [MemberID] = [], effects: [String] = [],
        note: String = ""
    ) {
        self.ruleID = ruleID
        self.runID = runID
        self.at = at
        self.eventType = eventType
        self.cause = cause
        self.member = member
        self.outcome = outcome
        self.conditions = conditions
        self.selected = selected
        self.effects = effects
        self.effectCount = effects.count
        self.note = note
    }

    /// One line: `2026-11-23T09:00:00Z member.joined (slack:U1): fired, 1 effect`.
    public var description: String {
        var text = "\(RuleExplanation.timeText(at)) \(eventType)"
        if let member { text += " (\(member))" }
        if !cause.isEmpty { text += " caused by \(cause.joined(separator: " → "))" }
        text += ": \(outcome.rawValue)"
        if effectCount > 0 { text += ", \(effectCount) effect\(effectCount == 1 ? "" : "s")" }
        if !note.isEmpty { text += " — \(note)" }
        return text
    }
}

/// One condition as evaluated in a run.
public struct RuleConditionTrace: Codable, Sendable, Equatable {
    /// The condition's source.
    public var source: String
    /// `true`, `false`, or `error: message`.
    public var value: String

    /// A condition trace.
    public init(source: String, value: String) {
        self.source = source
        self.value = value
    }
}
