/// The help texts for `/cop help` and `/cop help TOPIC`: plain text with backticks, no other Markdown.
public enum CommandHelp {
    /// The topics `text(forTopic:)` knows, in the order the overview lists them.
    public static var topics: [String] {
        CommandTable.topicNames
    }

    /// Every command on one line each, grouped into commands for everyone and commands for convenors, as the
    /// command table's entries say.
    public static var overview: String {
        let lines = CommandTable.entries.compactMap { entry in entry.overview.map { ($0, entry.access) } }
        let everyone = lines.filter { $0.1 == .member }.map(\.0)
        let convenors = lines.filter { $0.1 == .convenor }.map(\.0)
        return """
            Convener keeps this community's rhythm: polls, kudos, pairing, anonymous feedback and more. \
            Type `/cop help TOPIC` for details and an example, like `/cop help poll`.

            For everyone
            \(everyone.joined(separator: "\n"))

            For convenors
            \(convenors.joined(separator: "\n"))
            """
    }

    /// The help for one topic (a command word such as `poll` or `pair`), or an error listing the topics.
    public static func text(forTopic topic: String) -> Result<String, CommandError> {
        guard let name = topicName(topic), let page = pages[name], let entry = CommandTable.topic(named: name) else {
            return .failure(unknownTopic(topic))
        }
        let wholeTopicForConvenors = CommandTable.isForConvenors(entry)
        let usageLines = CommandTable.entries(of: entry).map { command in
            "`\(command.usage)`" + (command.access == .convenor && !wholeTopicForConvenors ? " (for convenors)" : "")
        }.joined(separator: "\n")
        var text = "`/cop \(name)`" + (wholeTopicForConvenors ? " (for convenors)" : "") + ": \(page.summary)"
        text += "\n\n\(page.details)\n\nUsage:\n\(usageLines)"
        if let notes = page.notes {
            text += "\n\n\(notes)"
        }
        let label = page.examples.count == 1 ? "Example" : "Examples"
        text += "\n\n\(label):\n" + page.examples.map { "`\($0)`" }.joined(separator: "\n")
        return .success(text)
    }

    /// The usage line(s) of one topic, one per line, or `nil` for an unknown topic.
    public static func usage(forTopic topic: String) -> String? {
        topicName(topic).flatMap(CommandTable.topic(named:)).map(CommandTable.usage(forTopic:))
    }

    /// The error for a help topic that does not exist, with a suggestion and the list of topics.
    static func unknownTopic(_ topic: String) -> CommandError {
        let shown = topic.trimmingCommandWhitespace()
        let list = CommandSuggestion.spokenList(CommandTable.topicNames, conjunction: "and")
        if let suggestion = CommandSuggestion.closest(to: shown, in: CommandTable.topicNames) {
            return CommandError(
                message: "There is no help topic \"\(shown)\"; did you mean \(suggestion)? Topics: \(list).",
                usage: CommandTable.usage(forName: "help"))
        }
        return CommandError(
            message: "There is no help topic \"\(shown)\"; the topics are \(list).",
            usage: CommandTable.usage(forName: "help"))
    }

    /// The known topic `text` names: case-insensitive, with or without `/cop`, and ignoring a subcommand.
    private static func topicName(_ text: String) -> String? {
        var words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        if words.first == "/cop" {
            words.removeFirst()
        }
        guard let first = words.first, let topic = CommandTable.topic(named: first) else {
            return nil
        }
        guard words.count == 1 || (words.count == 2 && topic.subcommands.contains(words[1])) else {
            return nil
        }
        return topic.name
    }

    private struct Page {
        let summary: String
        let details: String
        let notes: String?
        let examples: [String]
    }

    private static let pages: [String: Page] = [
        "help": Page(
            summary: "help with any command.",
            details: "On its own it lists every command; with a topic it explains that command "
                + "with its usage and an example.",
            notes: "Topics: " + CommandSuggestion.spokenList(CommandTable.topicNames, conjunction: "and") + ".",
            examples: ["/cop help", "/cop help pair"]),
        "poll": Page(
            summary: "ask the community a quick question.",
            details: "Give a question and 2 to 10 options, each in quotes; everyone votes with the buttons and "
                + "can change or take back their vote until the poll closes. Every poll gets a short ID like P7, "
                + "which `close` and `results` use. The person who started a poll, or a convenor, can close it "
                + "early.",
            notes: """
                Flags:
                `--multi` lets people pick several options, and `--max N` at most N of them.
                `--anonymous` keeps only the counts, never who voted for what.
                `--hidden` keeps results hidden until the poll closes.
                `--closes` closes it after a while (`30m`, `2h`, `3d`, `2w`) or at a local time \
                (`2026-12-01T17:00`).
                """,
            examples: [
                "/cop poll \"Where should we meet in May?\" \"Berlin\" \"Lisbon\" \"Online\" --max 2 --closes 3d",
                "/cop poll results P7",
            ]),
        "feedback": Page(
            summary: "send the convenors an anonymous note.",
            details: "Write whatever is on your mind, quotes not needed. Your name is never stored with the note, "
                + "and notes reach the convenors in batches so that timing does not give you away.",
            notes: nil,
            examples: ["/cop feedback The Thursday slot is hard for people in Asia; could we alternate?"]),
        "survey": Page(
            summary: "anonymous surveys, answered by direct message.",
            details: "A convenor starts a survey from a template; everyone gets the questions by direct message. "
                + "Answers are never stored with a name, and results show only once at least k people "
                + "(5 unless set, never fewer than 3) have answered. Every survey gets a short ID like S2.",
            notes: "`start` is for convenors; `results` and `list` are for everyone.",
            examples: ["/cop survey start pulse --closes 7d", "/cop survey results S2"]),
        "kudos": Page(
            summary: "thank someone in front of everyone.",
            details: "Mention the member and say what you appreciated; quotes are optional. Recognition keeps a "
                + "community going, so be specific. You have a few kudos a day, and none for yourself.",
            notes: nil,
            examples: ["/cop kudos @alice for walking us through her testing setup, so clear!"]),
        "pair": Page(
            summary: "get paired for coffee chats or mentoring.",
            details: "Join to be matched with someone each round; you will get a short intro that says why you two "
                + "were paired. All flags are optional and can be changed by joining again.",
            notes: """
                Flags:
                `--role mentor|mentee|peer` says what you are looking for in a mentoring program.
                `--interests a,b` lists topics you like to talk about, separated by commas.
                `--tz Area/City` sets your time zone, like `Europe/Berlin`, for fairer matches.
                `--capacity N` is how many pairs (or mentees) you would like per round.
                `pause 2w` skips rounds for a while, `resume` ends the pause, and `not @member` makes sure \
                you are never paired with that person.
                """,
            examples: [
                "/cop pair join --role mentee --interests testing,ci --tz America/Toronto",
                "/cop pair pause 3w",
            ]),
        "away": Page(
            summary: "take a break, no questions asked.",
            details: "While you are away Convener sends you no nudges, skips you for pairing and your roster "
                + "turns, and welcomes you back gently. Durations look like `3d`, `2w` or `1w3d`.",
            notes: nil,
            examples: ["/cop away 2w"]),
        "back": Page(
            summary: "end a break early.",
            details: "Pairing, roster turns and everything else pick up again right away. Welcome back!",
            notes: nil,
            examples: ["/cop back"]),
        "roster": Page(
            summary: "share the facilitation, one turn each.",
            details: "Members on the roster take turns hosting the community's sessions; Convener keeps the turns "
                + "fair and reminds the next facilitator. Skip a turn when you cannot make it, or swap with "
                + "someone who agreed to.",
            notes: nil,
            examples: ["/cop roster join", "/cop roster swap @sam"]),
        "stats": Page(
            summary: "community health at a glance.",
            details: "For convenors: members per tier (core, active, occasional, peripheral) and how that moved "
                + "since last month, the activity trend, kudos, poll votes, survey answers and pairing meetings. "
                + "Only totals are shown, never what any one person did or said.",
            notes: nil,
            examples: ["/cop stats"]),
        "events": Page(
            summary: "what is next on the community's calendar.",
            details: "Lists the next meetups and other events the convenors set up, in the community's time zone, "
                + "with where to join and the ones called off, and gives the calendar feed address so they appear "
                + "in your own calendar app.",
            notes: nil,
            examples: ["/cop events"]),
        "me": Page(
            summary: "what Convener keeps about you.",
            details: "On its own it shows everything stored about you; `export` sends it to you as JSON; `forget` "
                + "deletes it after you confirm with `/cop me forget confirm`.",
            notes: "`birthday MM-DD` opts you in to a birthday greeting on that day (month and day only, never "
                + "the year), in the morning of your time zone if you add `--tz Area/City`; `birthday clear` "
                + "opts out. `email ADDRESS` gets you the weekly round-up by mail once you confirm the link mailed "
                + "to you; `email off` stops it and deletes the address.",
            examples: ["/cop me export", "/cop me birthday 12-24 --tz Europe/Berlin", "/cop me email ada@example.org"]),
        "prompt": Page(
            summary: "discussion prompts that keep the conversation going.",
            details: "Convener posts prompts on the community's schedule, working through a theme without "
                + "repeats. `now` posts the next one right away, `next` previews it privately, and `skip` "
                + "moves past it. `stats` shows what members respond to: per theme, the prompts posted, the "
                + "replies in their threads, the reactions, the members who answered and the response rate.",
            notes: "Figures about members below the anonymity threshold k show as \"< k\".",
            examples: ["/cop prompt next", "/cop prompt stats"]),
        "digest": Page(
            summary: "the weekly round-up.",
            details: "The digest gathers new members, kudos, closed polls, pairs who met and who facilitates "
                + "next. `preview` shows it to you alone; `now` posts it in the channel.",
            notes: nil,
            examples: ["/cop digest preview"]),
        "rules": Page(
            summary: "the rules that drive what Convener does.",
            details: "`list` shows the community's rules and when they last ran; `explain` shows one rule's "
                + "trigger, conditions and actions in plain words, with its recent runs.",
            notes: nil,
            examples: ["/cop rules explain weekly-digest"]),
    ]
}
