import Foundation

/// Where polls meet the reducer: commands, button clicks, the passing of time and rule actions.
enum PollDesk: FeatureDesk {
    /// Poll buttons carry action ids like `poll.P3.vote.2`.
    static let actionFeature: String? = "poll"

    /// How many closed polls `/cop poll list` shows.
    static let recentlyClosedShown = 5
    /// The longest a poll may stay open, in seconds (90 days, as for polls started by rules).
    static let longestOpen: TimeInterval = 90 * 86_400

    /// Handles `/cop poll …`: create, close, results and list.
    static func handle(_ command: CopCommand, _ context: CommandContext, replies: inout ReplyBuilder) -> FeatureEffects
    {
        switch command {
        case .pollCreate(let request):
            return create(request, context, replies: &replies)
        case .pollClose(let id):
            return close(id, context, replies: &replies)
        case .pollResults(let id):
            replies.ephemeral(results(id, context))
            return FeatureEffects()
        case .pollList:
            replies.ephemeral(list(context))
            return FeatureEffects()
        default:
            replies.ephemeral("`/cop \(command.topic)` is not a poll command.\nUsage: \(command.usage)")
            return FeatureEffects()
        }
    }

    /// Handles a click on a poll button (`poll.P3.vote.2`): records, changes or takes back the member's vote.
    static func handleAction(
        _ actionID: String, messageID: String, _ context: CommandContext, replies: inout ReplyBuilder
    )
        -> FeatureEffects
    {
        PollVoting(context: context).click(actionID, replies: &replies)
    }

    /// Whether `action` is `poll.start`.
    static func performs(_ action: RuleEffectAction) -> Bool {
        if case .startPoll = action { return true }
        return false
    }

    /// Carries out the rule action `poll.start`: a poll in the channel, as if a convenor had started it.
    static func perform(_ effect: RuleEffect, _ context: FeatureContext) -> FeatureEffects {
        let action = effect.action
        guard case .startPoll(let rawQuestion, let rawOptions, let maxChoices, let anonymous, let closesAfter) = action
        else { return FeatureEffects() }
        let question = rawQuestion.trimmingWhitespace
        let options = rawOptions.map { $0.trimmingWhitespace }
        if let problem = problem(question: question, options: options) {
            return FeatureEffects(notes: ["rule \(effect.ruleID) could not start a poll: \(problem)"])
        }
        let closesAt = closesAfter.map { context.now.addingTimeInterval(min($0, longestOpen)) }
        let number = context.state.polls.nextNumber
        let poll = Poll(
            number: number, question: question, options: options, maxChoices: maxChoices, isAnonymous: anonymous,
            anonymousMinimum: context.settings.polls.anonymousMinimum, creator: nil, openedAt: context.now,
            closesAt: closesAt, key: anonymous ? AnonymityKey(randomness: context.randomness) : nil)
        var effects = opening(poll, context)
        effects.notes.append("rule \(effect.ruleID) started poll \(poll.id)")
        return effects
    }

    /// Closes every open poll whose deadline has passed; costs one look at each open poll.
    static func tick(_ context: FeatureContext) -> FeatureEffects {
        var effects = FeatureEffects()
        for poll in context.state.polls.openPolls {
            guard let closesAt = poll.closesAt, closesAt <= context.now else { continue }
            effects.append(closing(poll, context, reason: "its deadline passed"))
        }
        return effects
    }

    /// The facts that open `poll`: the poll itself and its message, queued to the channel.
    static func opening(_ poll: Poll, _ context: FeatureContext) -> FeatureEffects {
        let message = OutboundMessage(
            id: poll.messageID, audience: .channel, text: PollText.message(poll, clock: context.profile.clockText),
            actions: PollText.buttons(poll), poll: PollText.description(poll))
        return FeatureEffects(
            facts: [.poll(.opened(poll)), .messageQueued(OutboxEntry(message: message, queuedAt: context.now))],
            notes: ["poll \(poll.id) opened" + (poll.isAnonymous ? " (anonymous)" : "")])
    }

    /// The effects of closing `poll` now: the closing fact, the message edited to its final results without
    /// buttons, `poll.closed` for the rules, and for an anonymous poll the compaction that destroys its tokens.
    static func closing(_ poll: Poll, _ context: FeatureContext, reason: String) -> FeatureEffects {
        var closed = poll
        closed.close(at: context.now)
        let final = OutboundMessage(
            id: "\(poll.messageID).final", audience: .channel,
            text: PollText.message(closed, clock: context.profile.clockText), updates: poll.messageID,
            poll: PollText.description(closed))
        var effects = FeatureEffects(
            facts: [.poll(.closed(poll: poll.id, at: context.now))] + supersededEdits(of: poll, context)
                + [.messageQueued(OutboxEntry(message: final, queuedAt: context.now))],
            notes: ["poll \(poll.id) closed: \(reason); \(PollText.voters(closed.voterCount))"],
            compactsJournal: poll.isAnonymous)
        effects.events.append(
            FeatureEvent(
                event: RuleEvent(
                    type: "poll.closed",
                    payload: [
                        "pollId": .string(poll.id), "question": .string(poll.question),
                        "results": .string(PollText.resultsLine(closed)), "votes": .int(Int64(closed.voterCount)),
                    ]),
                member: nil))
        return effects
    }

    /// Edits of `poll`'s message still waiting in the outbox: a newer edit replaces them, so they need not be sent.
    static func supersededEdits(of poll: Poll, _ context: FeatureContext) -> [Fact] {
        context.state.outbox.lazy.filter { $0.message.updates == poll.messageID }
            .map { Fact.messageSettled(id: $0.message.id, at: context.now) }
    }

    /// What is wrong with a poll's question and options, or nil when they make a poll.
    static func problem(question: String, options: [String]) -> String? {
        if question.isEmpty { return "the question is empty" }
        guard (2...10).contains(options.count) else { return "a poll needs 2 to 10 options, got \(options.count)" }
        if options.contains(where: \.isEmpty) { return "an option is empty" }
        if Set(options.map { $0.lowercased() }).count != options.count { return "two options are the same" }
        return nil
    }

}
