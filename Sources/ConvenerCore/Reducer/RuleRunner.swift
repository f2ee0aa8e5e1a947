import Foundation

/// Runs the community's rules on the events of one input (or one tick) and turns their effects into facts.
///
/// The member list the rules see is built only when some rule is triggered, so inputs that trigger nothing
/// (most chat messages) cost the same whatever the size of the community.
struct RuleRunner {
    let reducer: CommunityReducer
    /// The start of the ids of the messages queued next (`<input id>`, `schedule.<rule>.<instant>`).
    var idPrefix: String
    /// The member the next events are about (the acting member as they will be after this input), if any.
    var member: Member?
    let now: Date
    /// The prompt rotation as this outcome leaves it, so two prompts in one outcome do not repeat.
    private(set) var rotation: PromptRotation
    /// What the host should log: effects this version cannot carry out yet.
    private(set) var notes: [String] = []
    private var effectCount = 0

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
        var members = state.members
        if let member { members[member.id] = member }
        let context = RuleContext(
            community: RuleCommunityView(reducer.profile),
            members: members.values.sorted { $0.id < $1.id }.map { view(of: $0, state: state) }
        )
        let runsBefore = ruleState.nextRunNumber
        ruleState.touchedBuckets = []
        let effects = reducer.rules.process(event, context: context, state: &ruleState, now: now)
        var facts = effects.flatMap { translate($0, state: state) }
        if !ruleState.touchedBuckets.isEmpty || ruleState.nextRunNumber != runsBefore {
            var buckets: [String: RuleTokenBucket] = [:]
            for key in ruleState.touchedBuckets { buckets[key] = ruleState.buckets[key] }
            facts.append(.rulesAccounted(buckets: buckets, nextRunNumber: ruleState.nextRunNumber))
            ruleState.touchedBuckets = []
        }
        return facts
    }

    /// Posts the next prompt of `theme` (nil: the community's usual theme) in the channel, recording the rotation.
    mutating func postPrompt(theme: String?) -> [Fact] {
        let theme = theme ?? reducer.defaultPromptTheme
        guard let prompt = rotation.next(theme: theme, library: reducer.prompts),
            let round = rotation.themes[theme]
        else {
            notes.append("no prompt to post: the prompt library has no theme '\(theme)'")
            return []
        }
        return [.promptRotated(theme: theme, round: round), queue(.channel, Self.text(of: prompt))]
    }

    /// How a prompt reads in the channel: the prompt, then its follow-up question.
    static func text(of prompt: DiscussionPrompt) -> String {
        var text = "💬 \(prompt.text)"
        if let followUp = prompt.followUp { text += "\n\nAnd then: \(followUp)" }
        return text
    }

    private func view(of member: Member, state: CommunityState) -> RuleMemberView {
        RuleMemberView(
            member, tags: member.tags, isConvenor: reducer.profile.isConvenor(member.id),
            away: state.vacations.isAway(member.id, at: now))
    }

    private mutating func translate(_ effect: RuleEffect, state: CommunityState) -> [Fact] {
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
            return postPrompt(theme: theme)
        case .nudge(let target, let style):
            return nudge(target, style: style, rule: effect.ruleID, state: state)
        case .startPoll, .startSurvey, .pairingRound, .postDigest:
            notes.append("rule \(effect.ruleID) asked for \(effect.action), which this version cannot do yet")
            return []
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
        effectCount += 1
        let message = OutboundMessage(id: "\(idPrefix).r\(effectCount)", audience: audience, text: text)
        return .messageQueued(OutboxEntry(message: message, queuedAt: now, notBefore: notBefore(audience)))
    }

    /// Direct messages queued in quiet hours wait for the window's end, on the community's clock until members
    /// can give their own time zone.
    private func notBefore(_ audience: Audience) -> Date? {
        guard case .direct = audience, let quietHours = reducer.profile.quietHours,
            quietHours.contains(now, in: reducer.profile.timeZone)
        else { return nil }
        return quietHours.nextAllowed(atOrAfter: now, in: reducer.profile.timeZone)
    }
}
