import Foundation

/// The pure heart of Convener: given a community's state, one input and the time, decides the facts to
/// record and the replies to send. It does no I/O and reads no clock, so it is fully deterministic.
public struct CommunityReducer: Sendable {
    /// The community's settings.
    public let profile: CommunityProfile
    /// The community's rules.
    public let rules: RuleEngine
    /// The discussion prompts `prompt.post` and `/cop prompt` take from.
    public let prompts: PromptLibrary
    /// How polls, feedback, surveys, pairing and engagement behave.
    public let settings: CommunitySettings
    /// Where keys, seeds and shuffles take their randomness.
    public let randomness: CommunityRandomness
    /// The theme of `/cop prompt now` and of `prompt.post` without a theme: the first theme a rule names.
    let defaultPromptTheme: String
    /// The events schedule rules put on the calendar, starting at `CommunityReducer.ruleEventPlaceholder`; each one's
    /// real start is when the scheduler first saw its rule (see `calendarEvents`).
    let ruleEvents: [CommunityEvent]
    /// Each calendar event's fingerprint, computed once: the tick compares them with the recorded revisions.
    let eventFingerprints: [(id: String, fingerprint: String)]

    /// A reducer for one community with its rules, prompt library and feature settings.
    public init(
        profile: CommunityProfile, rules: RuleEngine = RuleEngine(rules: .empty),
        prompts: PromptLibrary = PromptLibrary(), settings: CommunitySettings = .defaults,
        randomness: CommunityRandomness = .system
    ) {
        self.profile = profile
        self.rules = rules
        self.prompts = prompts
        self.settings = settings
        self.randomness = randomness
        let named = rules.rules.rules.lazy.flatMap(\.spec.actions).compactMap { action -> String? in
            if case .postPrompt(let theme?) = action { return theme }
            return nil
        }
        self.defaultPromptTheme =
            named.first ?? prompts.themes.first { $0.id != "pairing-starters" }?.id ?? "reflection"
        let configured = Set(profile.events.map(\.id))
        // An id the config's events already use keeps the config's event (the loader reports the clash).
        self.ruleEvents = rules.rules.calendarEvents(start: Self.ruleEventPlaceholder).filter {
            !configured.contains($0.id)
        }
        self.eventFingerprints = (profile.events + ruleEvents).map {
            ($0.id, $0.fingerprint(holidays: profile.holidays))
        }
    }

    /// The community's weeks, for its weekly history.
    public var analyticsWeeks: AnalyticsWeek { AnalyticsWeek(timeZone: profile.timeZone) }

    /// Decides what `input` does to `state` at `now`.
    ///
    /// `ruleState` is the rule engine's working state (token buckets, traces); what must survive a restart of
    /// it comes back as facts, the traces stay with the caller.
    public func reduce(_ state: CommunityState, _ input: Input, rules ruleState: inout RuleEngineState, now: Date)
        -> Outcome
    {
        // Someone the community never saw cannot leave it: no welcome, no farewell, nothing stored.
        if case .left = input.event, state.members[input.member] == nil { return Outcome() }
        // Joining again (a second channel of the same community, a workspace join after a channel join) changes
        // nothing: the welcome belongs to the first time.
        if case .joined = input.event, state.members[input.member] != nil { return Outcome() }
        // A week that ended before this input closes first, so the input counts in the week it happened in.
        var facts = state.analytics.closingFacts(state: state, weeks: analyticsWeeks, now: now)
        var events: [RuleEvent] = []
        let isNew = state.members[input.member] == nil
        if isNew {
            facts.append(.memberJoined(member: input.member, displayName: input.displayName, at: now))
        }
        var replies = ReplyBuilder(inputID: input.id, member: input.member)
        let context = CommandContext(
            profile: profile,
            member: memberAfter(input, in: state, now: now),
            isConvenor: profile.isConvenor(input.member),
            rules: rules,
            ruleState: ruleState,
            now: now,
            inputID: input.id,
            state: state,
            reducer: self
        )
        var returning = false
        switch input.event {
        case .message, .command, .reaction:
            if state.inactiveSince[input.member] != nil, let before = state.members[input.member] {
                returning = true
                let daysAway = Int(now.timeIntervalSince(before.lastActiveAt) / 86_400)
                events.append(RuleEvent(type: "member.returned", payload: ["daysAway": .int(Int64(daysAway))]))
            }
        case .action, .vote, .form, .left, .joined:
            break
        }
        var feature = FeatureEffects()
        switch input.event {
        case .message:
            facts.append(.activityRecorded(member: input.member, kind: .message, at: now))
            events.append(RuleEvent(type: "message.posted", payload: ["channel": .string(profile.channel)]))
        case .command(let text):
            facts.append(.activityRecorded(member: input.member, kind: .command, at: now))
            feature = CommandHandler(context: context).handle(text, replies: &replies)
        case .action(let messageID, let actionID):
            feature = CommandHandler(context: context).handleAction(actionID, messageID: messageID, replies: &replies)
        case .vote(let messageID, let answerIDs):
            feature = PollVoting(context: context).vote(messageID: messageID, answerIDs: answerIDs, replies: &replies)
        case .form(let formID, let values):
            feature = CommandHandler(context: context).handleForm(formID, values: values, replies: &replies)
        case .left:
            facts.append(.analytics(.memberLeft))
            events.append(RuleEvent(type: "member.left"))
            feature = FeatureDesks.each { $0.memberLeft(context) }
        case .joined:
            // The join itself is the news: `member.joined` is raised below for a member the community never saw.
            break
        case .reaction:
            facts.append(.activityRecorded(member: input.member, kind: .reaction, at: now))
        }
        facts += promptAnswer(input, in: state, now: now)
        // After the activity that ends the silence, so the history sees when the member came back.
        if returning { facts.append(.memberReturned(member: input.member)) }
        facts += feature.facts
        if isNew { events.insert(RuleEvent(type: "member.joined"), at: 0) }
        var automation = RuleRunner(
            reducer: self, idPrefix: input.id, member: context.member, state: state, now: now)
        automation.featureFacts = feature.facts
        for event in events {
            facts += automation.run(event, state: state, ruleState: &ruleState)
        }
        facts += automation.run(feature.events, actingMember: context.member, state: state, ruleState: &ruleState)
        var outcome = Outcome(facts: facts, replies: replies.messages, notes: feature.notes + automation.notes)
        outcome.compactsJournal = feature.compactsJournal || automation.compactsJournal
        return outcome
    }

    /// What `input` adds to the prompt statistics: a reply in the thread of an open prompt, or a reaction on one.
    private func promptAnswer(_ input: Input, in state: CommunityState, now: Date) -> [Fact] {
        guard let target = input.respondsTo,
            let prompt = state.prompts.prompt(at: target, on: input.member.platform),
            now.timeIntervalSince(prompt.postedAt) < TimeInterval(settings.prompts.answerWindowDays) * 86_400
        else { return [] }
        switch input.event {
        case .message: return [.prompt(.replied(message: prompt.message, member: input.member, at: now))]
        case .reaction: return [.prompt(.reacted(message: prompt.message, at: now))]
        case .command, .action, .vote, .form, .left, .joined: return []
        }
    }

    /// The member as they will be once this input applies, computed without copying the whole state.
    private func memberAfter(_ input: Input, in state: CommunityState, now: Date) -> Member {
        var member =
            state.members[input.member] ?? Member(id: input.member, displayName: input.displayName, joinedAt: now)
        switch input.event {
        case .message:
            member.activity.record(.message)
            member.lastActiveAt = now
        case .command:
            member.activity.record(.command)
            member.lastActiveAt = now
        case .reaction:
            member.activity.record(.reaction)
            member.lastActiveAt = now
        case .action, .vote, .form, .left, .joined:
            break
        }
        return member
    }
}

/// Collects the replies to one input and numbers their ids after the input's id.
struct ReplyBuilder {
    let inputID: String
    let member: MemberID
    private(set) var messages: [OutboundMessage] = []

    init(inputID: String, member: MemberID) {
        self.inputID = inputID
        self.member = member
    }

    /// The id the next reply will get.
    var nextID: String { "\(inputID).\(messages.count + 1)" }

    /// Adds a reply only the acting member sees.
    mutating func ephemeral(_ text: String, actions: [MessageAction] = [], fieldErrors: [String: String] = [:]) {
        messages.append(
            OutboundMessage(
                id: nextID, audience: .ephemeral(member), text: text, actions: actions, fieldErrors: fieldErrors))
    }

    /// Adds a reply everyone in the channel sees, answering the command where it was typed.
    mutating func inChannel(_ text: String, actions: [MessageAction] = []) {
        messages.append(OutboundMessage(id: nextID, audience: .channel, text: text, actions: actions))
    }

    /// Adds a reply for the acting member alone that carries a form (a survey, a modal).
    mutating func form(_ text: String, form: MessageForm) {
        messages.append(OutboundMessage(id: nextID, audience: .ephemeral(member), text: text, form: form))
    }
}
