import Foundation

extension PollDesk {
    /// `/cop poll "Q" "A" "B" …`: opens the poll, queues its message to the channel and confirms privately.
    static func create(_ request: CommandPollRequest, _ context: CommandContext, replies: inout ReplyBuilder)
        -> FeatureEffects
    {
        let usage = CommandTable.usage(forName: "poll.create")
        let book = context.state.polls
        let limit = context.reducer.settings.polls.maxOpenPerMember
        if !context.isConvenor, book.openCount(startedBy: context.member.id) >= limit {
            let mine = book.openPolls.filter { $0.creator == context.member.id }.map(\.id)
            let polls = mine.count == 1 ? "1 open poll" : "\(mine.count) open polls"
            replies.ephemeral(
                "You already have \(polls) (\(mine.joined(separator: ", "))), the most one member may run at once. "
                    + "Close one with `/cop poll close ID` first.")
            return FeatureEffects()
        }
        var closesAt: Date?
        if let deadline = request.closes {
            guard let date = deadline.date(now: context.now, timeZone: context.profile.timeZone) else {
                replies.ephemeral(
                    "The closing time \(deadline) does not exist on the community's clock "
                        + "(\(context.profile.timeZoneName)); pick another time.\nUsage: \(usage)")
                return FeatureEffects()
            }
            guard date > context.now else {
                replies.ephemeral(
                    "The closing time \(context.profile.clockText.dateTime(date)) has already "
                        + "passed; give a later time or a duration like `--closes 2d`.\nUsage: \(usage)")
                return FeatureEffects()
            }
            guard date.timeIntervalSince(context.now) <= longestOpen else {
                replies.ephemeral(
                    "A poll can stay open for at most 90 days; choose an earlier closing time, like `--closes 2w`."
                        + "\nUsage: \(usage)")
                return FeatureEffects()
            }
            closesAt = date
        }
        let feature = context.feature
        let poll = Poll(
            number: book.nextNumber, question: request.question, options: request.options,
            maxChoices: request.maxChoices, isAnonymous: request.isAnonymous,
            hidesResultsUntilClosed: request.hidesResultsUntilClosed,
            anonymousMinimum: context.reducer.settings.polls.anonymousMinimum, creator: context.member.id,
            openedAt: context.now, closesAt: closesAt,
            key: request.isAnonymous ? AnonymityKey(randomness: feature.randomness) : nil)
        var lines = ["Your poll \(poll.id) is posted in #\(context.profile.channel)."]
        if let closesAt {
            lines.append("It closes by itself \(context.profile.clockText.dateTime(closesAt)).")
        }
        if poll.isAnonymous {
            lines.append("It is anonymous: Convener keeps only the counts, never who voted for what.")
        }
        if poll.hidesResultsUntilClosed {
            lines.append("Its results stay hidden from everyone, you too, until it closes.")
        }
        lines.append("`/cop poll results \(poll.id)` shows the results; `/cop poll close \(poll.id)` closes it.")
        replies.ephemeral(lines.joined(separator: " "))
        return opening(poll, feature)
    }

    /// `/cop poll close ID`: the poll's creator or a convenor closes it early.
    static func close(_ id: String, _ context: CommandContext, replies: inout ReplyBuilder) -> FeatureEffects {
        guard let poll = context.state.polls[id] else {
            replies.ephemeral(unknown(id))
            return FeatureEffects()
        }
        guard poll.isOpen else {
            replies.ephemeral(
                "\(id) is already closed. `/cop poll results \(id)` shows its results: \(PollText.resultsLine(poll)).")
            return FeatureEffects()
        }
        guard poll.creator == context.member.id || context.isConvenor else {
            let whenever =
                poll.closesAt.map { "It closes by itself \(context.profile.clockText.dateTime($0))." }
                ?? "It stays open until the person who started it or a convenor closes it."
            replies.ephemeral(
                "Only the person who started \(id) or a convenor can close it. \(whenever) "
                    + "`/cop poll results \(id)` shows how it stands.")
            return FeatureEffects()
        }
        let effects = closing(poll, context.feature, reason: "closed early by its creator or a convenor")
        var closed = poll
        closed.close(at: context.now)
        replies.ephemeral(
            "Closed \(id) “\(poll.question)”: \(PollText.resultsLine(closed)) (\(PollText.voters(closed.voterCount))). "
                + "The poll message now shows the final results"
                + (poll.isAnonymous ? ", and its participation tokens are destroyed." : "."))
        return effects
    }

    /// `/cop poll results ID`: the counts, unless the poll hides them until it closes (then only the turnout).
    static func results(_ id: String, _ context: CommandContext) -> String {
        guard let poll = context.state.polls[id] else { return unknown(id) }
        if poll.isOpen && poll.hidesResultsUntilClosed {
            return "The results of \(id) “\(poll.question)” stay hidden from everyone until it closes. "
                + (poll.voterCount == 1
                    ? "So far 1 member has voted." : "So far \(poll.voterCount) members have voted.")
                + yourVote(poll, context)
        }
        return PollText.message(poll, clock: context.profile.clockText) + yourVote(poll, context)
    }

    /// `/cop poll list`: the open polls and the last few closed ones.
    static func list(_ context: CommandContext) -> String {
        let book = context.state.polls
        let clock = context.profile.clockText
        let open = book.openPolls
        let closed = book.recentlyClosed(recentlyClosedShown)
        guard !open.isEmpty || !closed.isEmpty else {
            return "There are no polls yet. Start one with `/cop poll \"Question?\" \"Option A\" \"Option B\"`."
        }
        var lines: [String] = []
        lines.append(open.isEmpty ? "No polls are open." : "Open polls:")
        for poll in open {
            let standing = poll.hidesResultsUntilClosed ? "results hidden until it closes" : PollText.resultsLine(poll)
            let closes = poll.closesAt.map { " · closes \(clock.dateTime($0))" } ?? ""
            lines.append(
                "• \(poll.id) “\(poll.question)” — \(standing) (\(PollText.voters(poll.voterCount)))\(closes)")
        }
        if !closed.isEmpty {
            lines.append("Recently closed:")
            for poll in closed {
                let when = poll.closedAt.map { " · closed \(clock.dateTime($0))" } ?? ""
                lines.append(
                    "• \(poll.id) “\(poll.question)” — \(PollText.resultsLine(poll)) "
                        + "(\(PollText.voters(poll.voterCount)))\(when)")
            }
        }
        lines.append("`/cop poll results ID` shows one poll in full.")
        return lines.joined(separator: "\n")
    }

    private static func yourVote(_ poll: Poll, _ context: CommandContext) -> String {
        guard poll.isOpen else { return "" }
        let choices = poll.choices(of: context.member.id)
        return choices.isEmpty
            ? "\nYou have not voted." : "\nYour vote: \(PollText.names(choices, in: poll))."
    }

    private static func unknown(_ id: String) -> String {
        "There is no poll \(id). `/cop poll list` shows the open polls and the last few closed ones."
    }
}
