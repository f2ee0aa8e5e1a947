import Foundation

/// Runs the community's rules on the events of one input and turns their effects into facts.
///
/// The member list the rules see is built only when some rule is triggered, so inputs that trigger nothing
/// (most chat messages) cost the same whatever the size of the community.
struct RuleRunner {
    let reducer: CommunityReducer
    let input: Input
    /// The acting member as they will be after this input.
    let member: Member
    let now: Date
    /// What the host should log: effects this version cannot carry out yet.
    private(set) var notes: [String] = []
    private var effectCount = 0

    init(reducer: CommunityReducer, input: Input, member: Member, now: Date) {
        self.reducer = reducer
        self.input = input
        self.member = member
        self.now = now
    }

    /// Runs the rules triggered by `event` (about the acting member) and returns the facts of their effects.
    mutating func run(_ event: RuleEvent, state: CommunityState, ruleState: inout RuleEngineState) -> [Fact] {
        var event = event
        event.member = view(of: member)
        guard !reducer.rules.rules.rules(triggeredBy: event).isEmpty else { return [] }
        var members = state.members
        members[member.id] = member
        let context = RuleContext(
            community: RuleCommunityView(reducer.profile),
            members: members.values.sorted { $0.id < $1.id }.map(view(of:))
        )
        let runsBefore = ruleState.nextRunNumber
        ruleState.touchedBuckets = []
        let effects = reducer.rules.process(event, context: context, state: &ruleState, now: now)
        var facts = effects.flatMap { translate($0) }
        if !ruleState.touchedBuckets.isEmpty || ruleState.nextRunNumber != runsBefore {
            let buckets = ruleState.buckets.filter { ruleState.touchedBuckets.contains($0.key) }
            facts.append(.rulesAccounted(buckets: buckets, nextRunNumber: ruleState.nextRunNumber))
            ruleState.touchedBuckets = []
        }
        return facts
    }

    private func view(of member: Member) -> RuleMemberView {
        RuleMemberView(member, tags: member.tags, isConvenor: reducer.profile.isConvenor(member.id))
    }

    private mutating func translate(_ effect: RuleEffect) -> [Fact] {
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
        case .postPrompt, .startPoll, .startSurvey, .pairingRound, .postDigest, .nudge:
            notes.append("rule \(effect.ruleID) asked for \(effect.action), which this version cannot do yet")
            return []
        }
    }

    private mutating func queue(_ audience: Audience, _ text: String) -> Fact {
        effectCount += 1
        let message = OutboundMessage(id: "\(input.id).r\(effectCount)", audience: audience, text: text)
        return .messageQueued(OutboxEntry(message: message, queuedAt: now))
    }
}
