import Foundation

/// One click on a poll button: works out the member's new choices, records them and says what is recorded now.
///
/// Single choice: a click picks the option (or moves the vote to it); clicking the current choice again takes the
/// vote back. Multi choice: a click adds or removes the option, refusing more than the poll's maximum.
struct PollVoting {
    let context: CommandContext

    /// Handles the click on `actionID`, replying privately to the voter.
    func click(_ actionID: String, replies: inout ReplyBuilder) -> FeatureEffects {
        guard let (id, option) = PollText.parseAction(actionID), let poll = context.state.polls[id] else {
            replies.ephemeral("That button belongs to a poll Convener no longer knows, so nothing happened.")
            return FeatureEffects()
        }
        guard poll.isOpen else {
            replies.ephemeral(
                "\(id) “\(poll.question)” is closed, so your click was not counted. "
                    + "Final results: \(PollText.resultsLine(poll)) (\(PollText.voters(poll.voterCount))).")
            return FeatureEffects()
        }
        guard poll.options.indices.contains(option) else {
            replies.ephemeral("That button is not one of the options of \(id), so nothing happened.")
            return FeatureEffects()
        }
        let member = context.member.id
        let previous = poll.choices(of: member)
        let choices: [Int]
        if previous.contains(option) {
            choices = previous.filter { $0 != option }
        } else if poll.maxChoices == 1 {
            choices = [option]
        } else if previous.count >= poll.maxChoices {
            replies.ephemeral(
                "You can pick at most \(poll.maxChoices) options in \(id), and you have already picked "
                    + "\(PollText.names(previous, in: poll)). Click one of them to remove it first; "
                    + "nothing changed.")
            return FeatureEffects()
        } else {
            choices = (previous + [option]).sorted()
        }
        return record(choices, previous: previous, in: poll, replies: &replies)
    }

    /// Handles a whole vote from a native poll (`answerIDs`, the ids of the picked answers): it replaces the member's
    /// earlier vote, and none takes it back. The platform shows the vote itself, so only a refused one is answered
    /// (privately); the same vote again changes nothing.
    func vote(messageID: String, answerIDs: [String], replies: inout ReplyBuilder) -> FeatureEffects {
        let id =
            messageID.hasPrefix(PollText.actionPrefix) ? String(messageID.dropFirst(PollText.actionPrefix.count)) : ""
        guard let poll = context.state.polls[id], poll.messageID == messageID else {
            replies.ephemeral("Your vote is for a poll Convener no longer knows, so it was not counted.")
            return FeatureEffects()
        }
        guard poll.isOpen else {
            replies.ephemeral(
                "\(id) “\(poll.question)” closed before your vote arrived, so it was not counted. "
                    + "Final results: \(PollText.resultsLine(poll)) (\(PollText.voters(poll.voterCount))).")
            return FeatureEffects()
        }
        var choices: [Int] = []
        for answer in answerIDs {
            guard let (answerPoll, option) = PollText.parseAction(answer), answerPoll == poll.id,
                poll.options.indices.contains(option)
            else {
                replies.ephemeral("Your vote names an answer that is not one of \(id)'s, so it was not counted.")
                return FeatureEffects()
            }
            if !choices.contains(option) { choices.append(option) }
        }
        guard choices.count <= poll.maxChoices else {
            replies.ephemeral(
                "You can pick at most \(poll.maxChoices) options in \(id), so your vote of \(choices.count) was not "
                    + "counted.")
            return FeatureEffects()
        }
        let previous = poll.choices(of: context.member.id)
        guard choices.sorted() != previous else { return FeatureEffects() }
        var silent = ReplyBuilder(inputID: replies.inputID, member: replies.member)
        return record(choices.sorted(), previous: previous, in: poll, replies: &silent)
    }

    private func record(_ choices: [Int], previous: [Int], in poll: Poll, replies: inout ReplyBuilder)
        -> FeatureEffects
    {
        let member = context.member.id
        var after = poll
        var facts: [Fact] = []
        if poll.isAnonymous {
            // Without its key an anonymous poll cannot take a vote without naming the voter, so it takes none.
            guard let token = poll.token(of: member) else {
                replies.ephemeral(
                    "\(poll.id) cannot take votes right now, so nothing was recorded. Please tell a convenor.")
                return FeatureEffects(notes: ["anonymous poll \(poll.id) has no key; a vote was refused"])
            }
            facts.append(.poll(.votedAnonymously(poll: poll.id, token: token, choices: choices)))
            after.record(choices, token: token)
        } else {
            facts.append(.poll(.voted(poll: poll.id, voter: member, choices: choices)))
            after.record(choices, voter: member)
        }
        if previous.isEmpty && !choices.isEmpty {
            facts.append(.activityRecorded(member: member, kind: .vote, at: context.now))
        }
        if !poll.hidesResultsUntilClosed {
            let feature = context.feature
            let edit = OutboundMessage(
                id: "\(poll.messageID).u\(after.revision)", audience: .channel,
                text: PollText.message(after, clock: context.profile.clockText), actions: PollText.buttons(after),
                updates: poll.messageID, poll: PollText.description(after))
            facts += PollDesk.supersededEdits(of: poll, feature)
            facts.append(.messageQueued(OutboxEntry(message: edit, queuedAt: context.now)))
        }
        replies.ephemeral(confirmation(choices, in: poll))
        return FeatureEffects(facts: facts)
    }

    private func confirmation(_ choices: [Int], in poll: Poll) -> String {
        var text: String
        if choices.isEmpty {
            text = "You took back your vote in \(poll.id) “\(poll.question)”; you can vote again until it closes."
        } else if poll.maxChoices == 1 {
            text = "Your vote in \(poll.id) “\(poll.question)” is now: \(PollText.names(choices, in: poll))."
        } else {
            text =
                "Your picks in \(poll.id) “\(poll.question)” are now: \(PollText.names(choices, in: poll)) "
                + "(\(choices.count) of at most \(poll.maxChoices))."
        }
        if poll.isAnonymous { text += " Only the counts are kept: nobody can see who voted for what." }
        if poll.hidesResultsUntilClosed { text += " Results are shown when the poll closes." }
        return text
    }
}
