import Foundation

/// Runs compiled rules against events: pure and deterministic (time is passed in, memory is `RuleEngineState`).
///
/// Storm protection: an event whose cause chain already holds a rule never triggers that rule again, and a chain
/// longer than `limits.maximumChainDepth` triggers nothing; each such drop leaves one trace. Every rule has a
/// token bucket (its `rateLimit`, or `limits.defaultRuleRate`), optionally one per member, and all rules of a
/// community share an hourly budget of outbound messages.
public struct RuleEngine: Sendable {
    /// The rules.
    public let rules: RuleSet
    /// The safety limits.
    public let limits: RuleLimits

    /// An engine for `rules` under `limits`.
    public init(rules: RuleSet, limits: RuleLimits = .standard) {
        self.rules = rules
        self.limits = limits
    }

    /// Runs every rule `event` triggers and returns their effects; traces, buckets and open runs go into `state`.
    public func process(_ event: RuleEvent, context: RuleContext, state: inout RuleEngineState, now: Date)
        -> [RuleEffect]
    {
        let triggered = rules.indices(triggeredBy: event)
        guard !triggered.isEmpty else { return [] }
        var variables = RuleVariables(event: event, context: context, now: now)
        var effects: [RuleEffect] = []
        for index in triggered {
            effects += run(
                rules.rules[index], event: event, context: context, variables: &variables, state: &state, now: now)
        }
        return effects
    }

    /// Marks run `runID` finished; for a `queued` rule, starts the oldest waiting trigger and returns its effects.
    public func finish(runID: String, context: RuleContext, state: inout RuleEngineState, now: Date) -> [RuleEffect] {
        guard let ruleID = runID.split(separator: "#").first.map(String.init),
            var runs = state.openRuns[ruleID]
        else { return [] }
        runs.removeAll { $0.runID == runID }
        state.openRuns[ruleID] = runs.isEmpty ? nil : runs
        return startQueued(ruleID: ruleID, context: context, state: &state, now: now)
    }

    /// Starts queued triggers of `ruleID` while its mode allows.
    private func startQueued(ruleID: String, context: RuleContext, state: inout RuleEngineState, now: Date)
        -> [RuleEffect]
    {
        guard let rule = rules.rule(ruleID), var queue = state.queues[ruleID], !queue.isEmpty else { return [] }
        state.expireRuns(of: ruleID, now: now, timeout: limits.runTimeout)
        guard (state.openRuns[ruleID]?.count ?? 0) < rule.spec.mode.maximumOpenRuns else { return [] }
        let next = queue.removeFirst()
        state.queues[ruleID] = queue.isEmpty ? nil : queue
        var payload: [String: CELValue] = [:]
        if let value = try? CELJSON.value(fromJSON: next.payloadJSON), case .map(let map) = value {
            for (key, item) in map.entries { if case .string(let name) = key { payload[name] = item } }
        }
        let event = RuleEvent(
            type: next.type, member: next.member.flatMap(context.member), payload: payload, cause: next.cause)
        var variables = RuleVariables(event: event, context: context, now: now)
        return run(rule, event: event, context: context, variables: &variables, state: &state, now: now, dequeued: true)
    }

    private func run(
        _ rule: CompiledRule, event: RuleEvent, context: RuleContext, variables: inout RuleVariables,
        state: inout RuleEngineState, now: Date, dequeued: Bool = false
    ) -> [RuleEffect] {
        var trace = RuleTrace(
            ruleID: rule.id, at: now, eventType: event.type, cause: event.cause, member: event.member?.id,
            outcome: .skipped)
        if event.cause.contains(rule.id) {
            trace.outcome = .loopDropped
            trace.note = "dropped: it would re-trigger itself (cause: \(event.cause.joined(separator: " → ")))"
            state.record(trace, limit: limits.tracesPerRule)
            return []
        }
        if event.cause.count >= limits.maximumChainDepth {
            trace.outcome = .chainTooDeep
            trace.note =
                "dropped: the cause chain \(event.cause.joined(separator: " → ")) is already "
                + "\(event.cause.count) rules deep (at most \(limits.maximumChainDepth))"
            state.record(trace, limit: limits.tracesPerRule)
            return []
        }
        if !dequeued, let outcome = admit(rule, event: event, state: &state, now: now) {
            trace.outcome = outcome
            trace.note =
                outcome == .queued
                ? "waits for the open run to finish (mode \(rule.spec.mode))"
                : "dropped: the rule is still running (mode \(rule.spec.mode))"
            state.record(trace, limit: limits.tracesPerRule)
            return []
        }
        let evaluation = RuleEvaluation(rule: rule, event: event, context: context, variables: &variables)
        trace.conditions = evaluation.conditions
        trace.selected = evaluation.selected?.map(\.id) ?? []
        guard evaluation.passed else {
            trace.outcome = evaluation.failure == nil ? .skipped : .failed
            trace.note = evaluation.failure ?? evaluation.skipReason
            state.record(trace, limit: limits.tracesPerRule)
            return []
        }
        let runID = "\(rule.id)#\(state.nextRunNumber)"
        var effects: [RuleEffect] = []
        var notes: [String] = []
        var renderFailed = false
        var limitedOutcome: RuleTrace.Outcome?
        for member in evaluation.targets {
            // Rendered only when the rate allows a run: templates cost more than the check.
            if let blocked = rateLimitReached(rule, member: member?.id, state: state, now: now) {
                notes.append(blocked)
                limitedOutcome = limitedOutcome ?? .rateLimited
                continue
            }
            let target: RuleEvaluation.Run
            switch evaluation.render(for: member) {
            case .success(let run): target = run
            case .failure(let failure):
                notes.append(failure.describing(member))
                renderFailed = true
                continue
            }
            takeRate(rule, member: member?.id, state: &state, now: now)
            let cost = target.actions.reduce(0) { $0 + $1.outboundCost(convenorCount: context.convenorCount) }
            if !consumeBudget(cost, community: context.community.id, state: &state, now: now) {
                notes.append("the community's budget of \(limits.outboundPerHour) messages per hour is spent")
                limitedOutcome = .budgetExhausted
                break
            }
            for action in target.actions {
                effects.append(
                    RuleEffect(
                        ruleID: rule.id, runID: runID, cause: event.cause + [rule.id], member: target.member?.id,
                        action: action))
            }
        }
        if effects.isEmpty {
            trace.outcome = limitedOutcome ?? (renderFailed ? .failed : .skipped)
        } else {
            trace.outcome = .fired
            trace.runID = runID
            state.nextRunNumber += 1
            if limits.runTimeout > 0 {
                state.openRuns[rule.id, default: []].append(RuleOpenRun(runID: runID, startedAt: now))
            }
        }
        trace.effects = effects.prefix(RuleTrace.effectsShown).map(\.action.description)
        trace.effectCount = effects.count
        trace.note = Self.summarize(notes)
        state.record(trace, limit: limits.tracesPerRule)
        return effects
    }

    /// Nil when the rule may start a run now; otherwise `.busy` or `.queued` (the trigger is then queued).
    private func admit(_ rule: CompiledRule, event: RuleEvent, state: inout RuleEngineState, now: Date)
        -> RuleTrace.Outcome?
    {
        state.expireRuns(of: rule.id, now: now, timeout: limits.runTimeout)
        guard (state.openRuns[rule.id]?.count ?? 0) >= rule.spec.mode.maximumOpenRuns else { return nil }
        guard case .queued(let max) = rule.spec.mode else { return .busy }
        var queue = state.queues[rule.id] ?? []
        guard queue.count < max else { return .busy }
        queue.append(
            RuleQueuedTrigger(
                type: event.type, member: event.member?.id, payloadJSON: CELJSON.render(.record(event.payload)),
                cause: event.cause, queuedAt: now))
        state.queues[rule.id] = queue
        return .queued
    }

    /// Why the rule may not run for `member` now (its bucket, or the member's, is empty), or nil when it may.
    private func rateLimitReached(_ rule: CompiledRule, member: MemberID?, state: RuleEngineState, now: Date) -> String?
    {
        let globalRate = rule.spec.rateLimit?.global ?? limits.defaultRuleRate
        guard RuleTokenBucket.available(state.buckets[Self.rateKey(rule)], rate: globalRate, now: now) >= 1 else {
            return "rate limit \(globalRate) reached"
        }
        if let perMember = rule.spec.rateLimit?.perMember, let member,
            RuleTokenBucket.available(state.buckets[Self.rateKey(rule, member: member)], rate: perMember, now: now) < 1
        {
            return "rate limit \(perMember) per member reached for \(member)"
        }
        return nil
    }

    /// Takes one token from the rule's bucket and the member's (after `rateLimitReached` found both non-empty).
    private func takeRate(_ rule: CompiledRule, member: MemberID?, state: inout RuleEngineState, now: Date) {
        if let perMember = rule.spec.rateLimit?.perMember, let member {
            let key = Self.rateKey(rule, member: member)
            let tokens = RuleTokenBucket.available(state.buckets[key], rate: perMember, now: now)
            state.setBucket(key, RuleTokenBucket(tokens: tokens - 1, updatedAt: now))
        }
        let globalRate = rule.spec.rateLimit?.global ?? limits.defaultRuleRate
        let tokens = RuleTokenBucket.available(state.buckets[Self.rateKey(rule)], rate: globalRate, now: now)
        state.setBucket(Self.rateKey(rule), RuleTokenBucket(tokens: tokens - 1, updatedAt: now))
    }

    /// The key of the rule's bucket, or of its bucket for `member`.
    private static func rateKey(_ rule: CompiledRule, member: MemberID? = nil) -> String {
        member.map { "member:\(rule.id):\($0.rawValue)" } ?? "rule:\(rule.id)"
    }

    /// Takes `cost` from the community's hourly outbound budget; false when it does not have that much left.
    private func consumeBudget(_ cost: Int, community: String, state: inout RuleEngineState, now: Date) -> Bool {
        guard cost > 0 else { return true }
        let key = "outbound:\(community)"
        let rate = RuleRate(count: limits.outboundPerHour, seconds: 3600)
        let available = RuleTokenBucket.available(state.buckets[key], rate: rate, now: now)
        guard available >= Double(cost) else { return false }
        state.setBucket(key, RuleTokenBucket(tokens: available - Double(cost), updatedAt: now))
        return true
    }

    private static func summarize(_ notes: [String]) -> String {
        guard notes.count > 3 else { return notes.joined(separator: "; ") }
        return notes.prefix(3).joined(separator: "; ") + "; and \(notes.count - 3) more"
    }
}
