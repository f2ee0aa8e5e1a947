import Foundation

/// Runs the community's rules on the events of one input (or one tick) and turns their effects into facts.
///
/// Rules run only when some rule is triggered, and the member list they see is built only when a rule reads
/// `members`, so an input costs the same whatever the size of the community.
struct RuleRunner {
    let reducer: CommunityReducer
    /// The start of the ids of the messages queued next (`<input id>`, `schedule.<rule>.<instant>`).
    var idPrefix: String
    /// The member the next events are about (the acting member as they will be after this input), if any.
    var member: Member?
    let now: Date
    /// The prompt rotation as this outcome leaves it, so two prompts in one outcome do not repeat.
    private(set) var rotation: PromptRotation
    /// What the host should log: effects that were dropped (a nudge for someone away) and the features' notes.
    private(set) var notes: [String] = []
    /// Whether a rule action closed something whose journal records must be compacted away.
    private(set) var compactsJournal = false
    private var effectCount = 0
    /// What features decided earlier in this outcome, so a poll or survey a rule starts sees those started before
    /// it (by the command or another rule) and takes the next id.
    var featureFacts: [Fact] = []

    init(reducer: CommunityReducer, idPrefix: String, member: Member?, state: CommunityState, now: Date) {
        self.reducer = reducer
        self.idPrefix = idPrefix
        self.member = member
        self.now = now
        self.rotation = state.promptRotation
    }

    /// Runs the rules triggered by `event` (about `member`, if any) and returns the facts of their effects.
    mutating func run(_ event: RuleEvent, state: CommunityState, ruleState: inout RuleEngineState) -> [Fact] {
        var event = event
        if let member { event.member = view(of: member, state: state) }
        guard !reducer.rules.rules.rules(triggeredBy: event).isEmpty else { return [] }
        let context = ruleContext(state: state)
        let runsBefore = ruleState.nextRunNumber
        ruleState.touchedBuckets = []
        let effects = reducer.rules.process(event, context: context, state: &ruleState, now: now)
        var raised: [FeatureEvent] = []
        var facts = effects.flatMap { translate($0, state: state, raised: &raised) }
        if !ruleState.touchedBuckets.isEmpty || ruleState.nextRunNumber != runsBefore {
            var buckets: [String: RuleTokenBucket] = [:]
            for key in ruleState.touchedBuckets { buckets[key] = ruleState.buckets[key] }
            facts.append(.rulesAccounted(buckets: buckets, nextRunNumber: ruleState.nextRunNumber))
            ruleState.touchedBuckets = []
        }
        facts += run(raised, actingMember: member, state: state, ruleState: &ruleState)
        return facts
    }

    /// Runs the rules on events a feature raised; each is about its own member (or none), and `actingMember`
    /// stands for the member as this input leaves them when the event is about them.
    mutating func run(
        _ events: [FeatureEvent], actingMember: Member?, state: CommunityState, ruleState: inout RuleEngineState
    ) -> [Fact] {
        let saved = member
        defer { member = saved }
        var facts: [Fact] = []
        for raised in events {
            if let id = raised.member {
                member = actingMember?.id == id ? actingMember : state.members[id]
            } else {
                member = nil
            }
            facts += run(raised.event, state: state, ruleState: &ruleState)
        }
        return facts
    }

    /// Posts the next prompt of `theme` in the channel, recording the rotation and the prompt for its statistics.
    /// Without a theme it is the community's usual theme, or, when the rotation prefers themes that draw answers,
    /// one drawn by `PromptThemeChoice` from the library's discussion themes.
    mutating func postPrompt(theme: String?, state: CommunityState) -> [Fact] {
        let theme = theme ?? drawnTheme(state) ?? reducer.defaultPromptTheme
        guard let prompt = rotation.next(theme: theme, library: reducer.prompts),
            let round = rotation.themes[theme]
        else {
            notes.append("no prompt to post: the prompt library has no theme '\(theme)'")
            return []
        }
        let entry = outboxEntry(.channel, Self.text(of: prompt))
        return [
            .promptRotated(theme: theme, round: round), .messageQueued(entry),
            .prompt(.posted(message: entry.message.id, theme: theme, prompt: prompt.id, at: now)),
        ]
    }

    // The theme drawn when the rotation prefers themes that draw answers; pairing starters are for pairs, not
    // the channel, so they are never drawn.
    private func drawnTheme(_ state: CommunityState) -> String? {
        guard reducer.settings.prompts.preferAnsweredThemes else { return nil }
        let themes = reducer.prompts.themes.map(\.id).filter { $0 != "pairing-starters" }
        return PromptThemeChoice.pick(
            themes: themes, totals: state.analytics.promptThemeTotals, randomness: reducer.randomness)
    }

    /// How a prompt reads in the channel: the prompt, then its follow-up question.
    static func text(of prompt: DiscussionPrompt) -> String {
        var text = "💬 \(prompt.text)"
        if let followUp = prompt.followUp { text += "\n\nAnd then: \(followUp)" }
        return text
    }

    private func view(of member: Member, state: CommunityState) -> RuleMemberView {
        Self.view(of: member, profile: reducer.profile, vacations: state.vacations, now: now)
    }

    private static func view(of member: Member, profile: CommunityProfile, vacations: MemberVacations, now: Date)
        -> RuleMemberView
    {
        RuleMemberView(
            member, tags: member.tags, isConvenor: profile.isConvenor(member.id),
            away: vacations.isAway(member.id, at: now))
    }

    /// The members as the rules see them, with the acting member as this input leaves them. Nothing here walks
    /// the whole community unless a rule reads `members`: the stored members are shared, not copied.
    private func ruleContext(state: CommunityState) -> RuleContext {
        let (stored, acting, profile, vacations, now) = (state.members, member, reducer.profile, state.vacations, now)
        return RuleContext(
            community: RuleCommunityView(profile),
            memberCount: stored.count + (acting.map { stored[$0.id] == nil ? 1 : 0 } ?? 0),
            convenorCount: { Set(profile.convenorIDs).filter { acting?.id == $0 || stored[$0] != nil }.count },
            member: { id in
                let found = acting?.id == id ? acting : stored[id]
                return found.map { Self.view(of: $0, profile: profile, vacations: vacations, now: now) }
            },
            members: {
                var all = stored
                if let acting { all[acting.id] = acting }
                return all.values.sorted { $0.id < $1.id }.map {
                    Self.view(of: $0, profile: profile, vacations: vacations, now: now)
                }
            })
    }

    private mutating func translate(_ effect: RuleEffect, state: CommunityState, raised: inout [FeatureEvent])
        -> [Fact]
    {
        switch effect.action {
        case .post(_, let text):
            return [queue(.channel, text)]
        case .directMessage(let recipient, let text):
            return [queue(.direct(recipient), text)]
        case .notifyConvenors(let text):
            return reducer.profile.convenorIDs.map { queue(.direct($0), text) }
        case .tagMember(let target, let tag):
            return [.memberTagged(member: target, tag: tag)]
        case .untagMember(let target, let tag):
            return [.memberUntagged(member: target, tag: tag)]
        case .postPrompt(let theme):
            return postPrompt(theme: theme, state: state)
        case .nudge(let target, let style):
            return nudge(target, style: style, rule: effect.ruleID, state: state)
        case .startPoll, .startSurvey, .pairingRound, .postDigest:
            effectCount += 1
            var current = state
            if !featureFacts.isEmpty { current.apply(featureFacts) }
            let context = FeatureContext(
                reducer: reducer, state: current, now: now, idPrefix: "\(idPrefix).r\(effectCount)")
            let done =
                FeatureDesks.performing(effect.action)?.perform(effect, context)
                ?? FeatureEffects(notes: ["rule \(effect.ruleID) asked for \(effect.action), which no feature does"])
            featureFacts += done.facts
            notes += done.notes
            compactsJournal = compactsJournal || done.compactsJournal
            raised += done.events.map { raisedEvent in
                var caused = raisedEvent
                caused.event.cause = effect.cause
                return caused
            }
            return done.facts
        }
    }

    private mutating func nudge(_ target: MemberID, style: RuleNudgeStyle, rule: String, state: CommunityState)
        -> [Fact]
    {
        if state.vacations.isAway(target, at: now) {
            notes.append("rule \(rule) did not nudge \(target): they are away")
            return []
        }
        let name = state.members[target]?.displayName ?? target.user
        let community = reducer.profile.name
        switch style {
        case .gentle:
            let theme = reducer.prompts.theme(reducer.defaultPromptTheme)?.title.lowercased() ?? "practice"
            let text = """
                Hi \(name), it has been a while since we heard from you in \(community), and we miss your voice.
                This week's conversation in #\(reducer.profile.channel) is about \(theme): even a one-line \
                answer is welcome. `/cop help` shows everything you can do here, and if you need a break, \
                `/cop away 4w` pauses these messages.
                """
            return [queue(.direct(target), text)]
        case .buddy:
            guard let buddy = reducer.profile.convenorIDs.first else {
                notes.append("rule \(rule) wanted a buddy for \(target), but the community has no convenors")
                return []
            }
            let text =
                "\(name) has been quiet in \(community) for a while. Could you reach out to them personally? "
                + "A short, friendly message about what they care about goes a long way."
            return [queue(.direct(buddy), text)]
        }
    }

    private mutating func queue(_ audience: Audience, _ text: String) -> Fact {
        .messageQueued(outboxEntry(audience, text))
    }

    private mutating func outboxEntry(_ audience: Audience, _ text: String) -> OutboxEntry {
        effectCount += 1
        let message = OutboundMessage(id: "\(idPrefix).r\(effectCount)", audience: audience, text: text)
        return OutboxEntry(message: message, queuedAt: now, respecting: reducer.profile)
    }
}
