import Foundation

/// The pure part of a run: conditions, foreach and, on demand, rendered actions, with no limits applied and nothing
/// changed.
///
/// Actions are rendered one target at a time, when asked: the engine first checks the target's rate limit, so a burst
/// of joins past `global: 30/hour` does not render a welcome per join only to drop it.
struct RuleEvaluation {
    /// One set of actions, for one member (foreach) or for the event.
    struct Run {
        /// The member the actions are for, if any.
        let member: RuleMemberView?
        /// The rendered actions.
        let actions: [RuleEffectAction]
    }

    /// Each evaluated condition and its value (a run stops at the first that is not true).
    private(set) var conditions: [RuleConditionTrace] = []
    /// Whether every condition held and foreach (if any) selected somebody.
    private(set) var passed = false
    /// The first evaluation error of a condition or foreach.
    private(set) var failure: String?
    /// Why the rule did not act when nothing failed.
    private(set) var skipReason = ""
    /// The members foreach selected (nil without foreach).
    private(set) var selected: [RuleMemberView]?
    /// Who the actions are for once the rule passed: the foreach selection, or the event's member (nil for none).
    private(set) var targets: [RuleMemberView?] = []
    private let rule: CompiledRule
    private let context: RuleContext
    private let now: Date
    private var activation: CELActivation

    /// Evaluates `rule` for `event`.
    init(
        rule: CompiledRule, event: RuleEvent, context: RuleContext, variables: inout RuleVariables,
        evaluatingEveryCondition: Bool = false
    ) {
        self.rule = rule
        self.context = context
        now = variables.now
        activation = variables.activation(for: rule)
        var held = true
        for (source, program) in zip(rule.spec.conditions, rule.conditions) {
            // A run stops at the first condition that does not hold; explain shows every condition's value.
            if !held && !evaluatingEveryCondition { break }
            switch program.evaluateCondition(activation) {
            case .success(true):
                conditions.append(RuleConditionTrace(source: source, value: "true"))
            case .success(false):
                conditions.append(RuleConditionTrace(source: source, value: "false"))
                if held { skipReason = "condition \(conditions.count) is false: \(source)" }
                held = false
            case .failure(let error):
                conditions.append(RuleConditionTrace(source: source, value: "error: \(error.message)"))
                if held { failure = "condition \(conditions.count) failed: \(error.message)" }
                held = false
            }
        }
        guard held else { return }
        var targets: [RuleMemberView?] = [event.member]
        if let foreach = rule.foreach {
            switch foreach.evaluate(activation) {
            case .success(let value):
                let members = Self.members(in: value, context: context)
                selected = members
                targets = members
                if members.isEmpty {
                    skipReason = "foreach selected no members"
                    return
                }
            case .failure(let error):
                failure = "foreach failed: \(error.message)"
                return
            }
        }
        passed = true
        self.targets = targets
    }

    /// The actions rendered for `target` (one of `targets`), or why a template failed.
    func render(for target: RuleMemberView?) -> Result<Run, RuleRenderFailure> {
        var activation = activation
        // The event's member is already bound; only foreach targets need a new binding.
        if let target, rule.foreach != nil { activation["member"] = target.celValue(now: now) }
        return Self.render(rule.spec.actions, member: target, context: context, activation: activation).map {
            Run(member: target, actions: $0)
        }
    }

    /// Every target's rendered actions, and the template errors of the targets that failed.
    func renderEveryTarget() -> (runs: [Run], failures: [String]) {
        var runs: [Run] = []
        var failures: [String] = []
        for target in targets {
            switch render(for: target) {
            case .success(let run): runs.append(run)
            case .failure(let failure): failures.append(failure.describing(target))
            }
        }
        return (runs, failures)
    }

    /// The members a foreach value lists: records with an `id`, or id strings, known to the context.
    private static func members(in value: CELValue, context: RuleContext) -> [RuleMemberView] {
        guard case .list(let items) = value else { return [] }
        var seen: Set<MemberID> = []
        var members: [RuleMemberView] = []
        for item in items {
            var id: String?
            switch item {
            case .string(let text): id = text
            case .map(let map): if case .string(let text)? = map["id"] { id = text }
            default: break
            }
            guard let id, let member = context.member(MemberID(rawValue: id)), seen.insert(member.id).inserted else {
                continue
            }
            members.append(member)
        }
        return members
    }

    private static func render(
        _ actions: [RuleAction], member: RuleMemberView?, context: RuleContext, activation: CELActivation
    ) -> Result<[RuleEffectAction], RuleRenderFailure> {
        var rendered: [RuleEffectAction] = []
        func text(_ template: RuleTemplate) throws(RuleRenderFailure) -> String {
            switch template.render(activation) {
            case .success(let text): return text
            case .failure(let error):
                throw RuleRenderFailure(message: "{{ }} in '\(template.source)': \(error.message)")
            }
        }
        // Polls and tags are not messages that name someone, so `member.mention` reads "@name" there.
        func plain(_ template: RuleTemplate) throws(RuleRenderFailure) -> String {
            MessageMention.extract(from: try text(template)).text
        }
        do throws(RuleRenderFailure) {
            for action in actions {
                switch action {
                case .post(let template, let channel):
                    rendered.append(.post(channel: channel, text: try text(template)))
                case .notifyConvenors(let template): rendered.append(.notifyConvenors(text: try text(template)))
                case .postPrompt(let theme): rendered.append(.postPrompt(theme: theme))
                case .startPoll(let poll):
                    rendered.append(
                        .startPoll(
                            question: try plain(poll.question), options: try poll.options.map(plain),
                            maxChoices: poll.maxChoices, anonymous: poll.anonymous, closesAfter: poll.closesAfter))
                case .startSurvey(let survey): rendered.append(.startSurvey(survey: survey))
                case .pairingRound(let kind): rendered.append(.pairingRound(kind: kind))
                case .postDigest(let days): rendered.append(.postDigest(days: days))
                case .directMessage(let template):
                    guard let member else { throw RuleRenderFailure(message: "dm has no member") }
                    rendered.append(.directMessage(to: member.id, text: try text(template)))
                case .tagMember(let template):
                    guard let member else { throw RuleRenderFailure(message: "member.tag has no member") }
                    rendered.append(.tagMember(member.id, tag: try plain(template)))
                case .untagMember(let template):
                    guard let member else { throw RuleRenderFailure(message: "member.untag has no member") }
                    rendered.append(.untagMember(member.id, tag: try plain(template)))
                case .nudge(let style):
                    guard let member else { throw RuleRenderFailure(message: "nudge has no member") }
                    rendered.append(.nudge(member.id, style: style))
                }
            }
        } catch {
            return .failure(error)
        }
        return .success(rendered)
    }
}

/// A template that failed to render.
struct RuleRenderFailure: Error {
    let message: String

    /// The message, naming the foreach member it failed for.
    func describing(_ target: RuleMemberView?) -> String {
        target.map { "for \($0.id): \(message)" } ?? message
    }
}
