import Foundation

/// How a poll reads: its channel message, its buttons and the one-line summaries used in replies and rules.
enum PollText {
    /// The prefix of every poll button's action id.
    static let actionPrefix = "poll."

    /// The channel message: question, options (with counts when they may be shown), and how to vote.
    static func message(_ poll: Poll, clock: CommunityClockText) -> String {
        let showsCounts = !poll.isOpen || !poll.hidesResultsUntilClosed
        var lines = ["📊 Poll \(poll.id): \(poll.question)" + (poll.isOpen ? "" : " (closed)")]
        for (index, option) in poll.options.enumerated() {
            lines.append(showsCounts ? "• \(option): \(countText(poll, option: index))" : "• \(option)")
        }
        var facts: [String] = []
        if showsCounts { facts.append(voters(poll.voterCount)) }
        if poll.isOpen {
            facts.append(showsCounts ? rule(poll) : rule(poll).capitalizedFirst)
            if poll.hidesResultsUntilClosed { facts.append("results are shown when the poll closes") }
        }
        if poll.isAnonymous { facts.append("anonymous: nobody can see who voted for what") }
        if let closed = poll.closedAt {
            facts.append("closed \(clock.dateTime(closed))")
        } else if let closes = poll.closesAt {
            facts.append("closes \(clock.dateTime(closes))")
        }
        lines.append(facts.joined(separator: " · "))
        if poll.isOpen {
            lines.append(
                poll.maxChoices == 1
                    ? "Click an option to vote or change your vote; click it again to take your vote back."
                    : "Click options to add or remove them from your vote.")
        }
        return lines.joined(separator: "\n")
    }

    /// One button per option while the poll is open, none once it closed.
    static func buttons(_ poll: Poll) -> [MessageAction] {
        guard poll.isOpen else { return [] }
        return poll.options.enumerated().map { index, option in
            MessageAction(id: actionID(poll: poll.id, option: index), label: label(option))
        }
    }

    /// The poll as a platform with native polls shows it: every option an answer whose id is its button's action id
    /// (even once closed, when the buttons are gone), and the counts once closed.
    static func description(_ poll: Poll) -> MessagePoll {
        MessagePoll(
            question: poll.question,
            answers: poll.options.enumerated().map { index, option in
                MessageAction(id: actionID(poll: poll.id, option: index), label: label(option))
            },
            maxSelections: poll.maxChoices, isAnonymous: poll.isAnonymous,
            hidesResultsUntilClosed: poll.hidesResultsUntilClosed, isClosed: !poll.isOpen,
            counts: poll.isOpen ? [] : poll.counts)
    }

    /// The action id of the button for option `index` (0-based) of poll `id`: `poll.P3.vote.1` for the first.
    static func actionID(poll id: String, option index: Int) -> String {
        "poll.\(id).vote.\(index + 1)"
    }

    /// The poll id and 0-based option index in a button's action id, or nil if it is not a vote button.
    static func parseAction(_ actionID: String) -> (poll: String, option: Int)? {
        let parts = actionID.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "poll", parts[2] == "vote", let number = Int(parts[3]), number >= 1
        else { return nil }
        return (String(parts[1]), number - 1)
    }

    /// The counts on one line, in option order, like `Pizza 5 · Sushi 3`.
    static func resultsLine(_ poll: Poll) -> String {
        zip(poll.options, poll.counts).map { "\($0) \($1)" }.joined(separator: " · ")
    }

    /// `1 voter`, `8 voters`.
    static func voters(_ count: Int) -> String {
        count == 1 ? "1 voter" : "\(count) voters"
    }

    /// The options `choices` names, like `Pizza, Sushi`.
    static func names(_ choices: [Int], in poll: Poll) -> String {
        choices.map { poll.options[$0] }.joined(separator: ", ")
    }

    /// How many may be picked: `pick one`, `pick up to 2`, `pick any`.
    static func rule(_ poll: Poll) -> String {
        switch poll.maxChoices {
        case 1: "pick one"
        case poll.options.count: "pick any"
        default: "pick up to \(poll.maxChoices)"
        }
    }

    private static func countText(_ poll: Poll, option index: Int) -> String {
        let count = poll.counts[index]
        guard poll.voterCount > 0 else { return "0" }
        let percent = Int((Double(count) * 100 / Double(poll.voterCount)).rounded())
        return "\(count) (\(percent)%)"
    }

    // Slack cuts button labels at 75 characters and Discord at 80.
    private static func label(_ option: String) -> String {
        option.count <= 70 ? option : String(option.prefix(69)) + "…"
    }
}

extension String {
    /// The string with its first letter in upper case.
    fileprivate var capitalizedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}
