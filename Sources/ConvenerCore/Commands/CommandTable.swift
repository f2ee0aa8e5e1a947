/// Who may run a `/cop` command.
public enum CommandAccess: String, Sendable, Equatable {
    /// Every member of the community.
    case member
    /// The community's convenors only.
    case convenor
}

/// The `/cop` commands as one table: each command's grammar (its usage line), who may run it, its line in the
/// help overview and its handler, in one entry. The parser, `/cop help` and the permission check all read it, and
/// `CommandTableTests` ties every `CopCommand` to its entry, so adding a command means adding one entry.
enum CommandTable {
    /// One top-level command word and the subcommand words that may follow it.
    struct Topic: Sendable {
        /// The command word, such as `poll`.
        let name: String
        /// The subcommand words, such as `close`, `results`, `list`; empty when it takes none.
        let subcommands: [String]
    }

    /// Runs one parsed command: the facts to record and the replies to send.
    typealias Handler = @Sendable (CopCommand, CommandContext, inout ReplyBuilder) -> FeatureEffects

    /// One `/cop` command.
    struct Entry: Sendable {
        /// The dotted name (`poll.close`), as `CopCommand.name` gives it; the part before the dot is the topic.
        let name: String
        /// The usage line, shown by help and after every error.
        let usage: String
        /// Who may run it; the reducer refuses everyone else before the handler runs.
        let access: CommandAccess
        /// Its line in the `/cop help` overview, or nil when another command's line of the topic covers it.
        let overview: String?
        /// A command line that parses to this command (without `/cop`), for help and for the tests.
        let example: String
        /// What runs it.
        let handler: Handler

        /// The help topic, such as `poll` for `poll.close`.
        var topic: String { String(name.prefix { $0 != "." }) }
    }

    /// Every topic, in the order help lists them.
    static let topics: [Topic] = [
        Topic(name: "help", subcommands: []),
        Topic(name: "poll", subcommands: ["close", "results", "list"]),
        Topic(name: "feedback", subcommands: []),
        Topic(name: "survey", subcommands: ["start", "results", "list"]),
        Topic(name: "kudos", subcommands: []),
        Topic(name: "pair", subcommands: ["join", "leave", "pause", "resume", "status", "not"]),
        Topic(name: "away", subcommands: []),
        Topic(name: "back", subcommands: []),
        Topic(name: "roster", subcommands: ["join", "leave", "skip", "swap", "who"]),
        Topic(name: "stats", subcommands: []),
        Topic(name: "events", subcommands: []),
        Topic(name: "me", subcommands: ["export", "forget", "birthday", "email"]),
        Topic(name: "prompt", subcommands: ["now", "next", "skip", "stats"]),
        Topic(name: "digest", subcommands: ["preview", "now"]),
        Topic(name: "rules", subcommands: ["list", "explain"]),
    ]

    /// Every command, in the order help shows their usage lines and overview lines.
    static let entries: [Entry] = [
        Entry(
            name: "help", usage: "/cop help [topic]", access: .member,
            overview: "`/cop help TOPIC`: details and an example for one command", example: "help poll",
            handler: { command, context, replies in CommandHandler(context: context).help(command, &replies) }),
        Entry(
            name: "poll.create",
            usage: "/cop poll \"Question?\" \"Option A\" \"Option B\" […] [--multi | --max N] [--anonymous] "
                + "[--hidden] [--closes 2d|2026-12-01T17:00]",
            access: .member,
            overview: "`/cop poll \"Question?\" \"A\" \"B\"`: ask a quick question (also `poll results`, `close`, "
                + "`list`)",
            example: "poll \"Lunch?\" \"Pizza\" \"Sushi\"", handler: pollDesk),
        // The poll's creator may close it too; `PollDesk` checks that, as it needs the poll.
        Entry(
            name: "poll.close", usage: "/cop poll close ID", access: .member, overview: nil, example: "poll close P1",
            handler: pollDesk),
        Entry(
            name: "poll.results", usage: "/cop poll results ID", access: .member, overview: nil,
            example: "poll results P1", handler: pollDesk),
        Entry(
            name: "poll.list", usage: "/cop poll list", access: .member, overview: nil, example: "poll list",
            handler: pollDesk),
        Entry(
            name: "feedback", usage: "/cop feedback TEXT", access: .member,
            overview: "`/cop feedback TEXT`: send the convenors an anonymous note",
            example: "feedback The meetups run too long", handler: { FeedbackDesk.handle($0, $1, replies: &$2) }),
        Entry(
            name: "survey.start", usage: "/cop survey start TEMPLATE [--closes 7d] [--k 5]", access: .convenor,
            overview: "`/cop survey start TEMPLATE`: open an anonymous survey", example: "survey start pulse",
            handler: surveyDesk),
        Entry(
            name: "survey.results", usage: "/cop survey results ID", access: .member, overview: nil,
            example: "survey results S1", handler: surveyDesk),
        Entry(
            name: "survey.list", usage: "/cop survey list", access: .member,
            overview: "`/cop survey list`: see surveys and their results (`survey results ID`)",
            example: "survey list", handler: surveyDesk),
        Entry(
            name: "kudos", usage: "/cop kudos @member WHY", access: .member,
            overview: "`/cop kudos @member WHY`: thank someone in front of everyone",
            example: "kudos @bob for the clear review", handler: engagementDesk),
        Entry(
            name: "pair.join",
            usage: "/cop pair join [--role mentor|mentee|peer] [--interests a,b] [--tz Area/City] [--capacity N]",
            access: .member,
            overview: "`/cop pair join`: get paired for coffee chats or mentoring (`leave`, `pause`, `status`, `not`)",
            example: "pair join --interests testing,ci", handler: pairingDesk),
        Entry(
            name: "pair.leave", usage: "/cop pair leave", access: .member, overview: nil, example: "pair leave",
            handler: pairingDesk),
        Entry(
            name: "pair.pause", usage: "/cop pair pause DURATION", access: .member, overview: nil,
            example: "pair pause 2w", handler: pairingDesk),
        Entry(
            name: "pair.resume", usage: "/cop pair resume", access: .member, overview: nil, example: "pair resume",
            handler: pairingDesk),
        Entry(
            name: "pair.status", usage: "/cop pair status", access: .member, overview: nil, example: "pair status",
            handler: pairingDesk),
        Entry(
            name: "pair.not", usage: "/cop pair not @member", access: .member, overview: nil,
            example: "pair not @bob", handler: pairingDesk),
        Entry(
            name: "away", usage: "/cop away DURATION", access: .member,
            overview: "`/cop away 2w`: take a break without nudges, and `/cop back` when you return",
            example: "away 2w", handler: { CommandHandler(context: $1).away($0, &$2) }),
        Entry(
            name: "back", usage: "/cop back", access: .member, overview: nil, example: "back",
            handler: { CommandHandler(context: $1).back(&$2) }),
        Entry(
            name: "roster.join", usage: "/cop roster join", access: .member,
            overview: "`/cop roster join`: take turns facilitating (`leave`, `skip`, `swap`, `who`)",
            example: "roster join", handler: engagementDesk),
        Entry(
            name: "roster.leave", usage: "/cop roster leave", access: .member, overview: nil, example: "roster leave",
            handler: engagementDesk),
        Entry(
            name: "roster.skip", usage: "/cop roster skip", access: .member, overview: nil, example: "roster skip",
            handler: engagementDesk),
        Entry(
            name: "roster.swap", usage: "/cop roster swap @member", access: .member, overview: nil,
            example: "roster swap @bob", handler: engagementDesk),
        Entry(
            name: "roster.who", usage: "/cop roster who", access: .member, overview: nil, example: "roster who",
            handler: engagementDesk),
        // Totals only, but a convenor's view of community health: members read the weekly round-up instead.
        Entry(
            name: "stats", usage: "/cop stats", access: .convenor,
            overview: "`/cop stats`: community health at a glance, in totals only", example: "stats",
            handler: engagementDesk),
        Entry(
            name: "events", usage: "/cop events", access: .member,
            overview: "`/cop events`: the community's next meetups, and the calendar feed to subscribe to",
            example: "events", handler: { command, context, replies in EventsCommand.handle(context, &replies) }),
        Entry(
            name: "me.show", usage: "/cop me", access: .member,
            overview: "`/cop me`: see, export or delete what Convener keeps about you", example: "me",
            handler: { CommandHandler(context: $1).showMemberData(&$2) }),
        Entry(
            name: "me.export", usage: "/cop me export", access: .member, overview: nil, example: "me export",
            handler: { CommandHandler(context: $1).exportMemberData(&$2) }),
        Entry(
            name: "me.birthday", usage: "/cop me birthday MM-DD [--tz Area/City]", access: .member, overview: nil,
            example: "me birthday 12-24", handler: engagementDesk),
        Entry(
            name: "me.birthday.clear", usage: "/cop me birthday clear", access: .member, overview: nil,
            example: "me birthday clear", handler: engagementDesk),
        Entry(
            name: "me.email", usage: "/cop me email ADDRESS", access: .member, overview: nil,
            example: "me email ada@example.org", handler: mailDesk),
        Entry(
            name: "me.email.off", usage: "/cop me email off", access: .member, overview: nil,
            example: "me email off", handler: mailDesk),
        Entry(
            name: "me.forget", usage: "/cop me forget", access: .member, overview: nil, example: "me forget",
            handler: { CommandHandler(context: $1).forget(confirmed: false, &$2) }),
        Entry(
            name: "me.forget.confirm", usage: "/cop me forget confirm", access: .member, overview: nil,
            example: "me forget confirm", handler: { CommandHandler(context: $1).forget(confirmed: true, &$2) }),
        Entry(
            name: "prompt.now", usage: "/cop prompt now", access: .convenor,
            overview: "`/cop prompt now`: post a discussion prompt (also `next`, `skip`, `stats`)",
            example: "prompt now",
            handler: { CommandHandler(context: $1).postPromptNow(&$2) }),
        Entry(
            name: "prompt.next", usage: "/cop prompt next", access: .convenor, overview: nil, example: "prompt next",
            handler: { CommandHandler(context: $1).previewPrompt(&$2) }),
        Entry(
            name: "prompt.skip", usage: "/cop prompt skip", access: .convenor, overview: nil, example: "prompt skip",
            handler: { CommandHandler(context: $1).skipPrompt(&$2) }),
        Entry(
            name: "prompt.stats", usage: "/cop prompt stats", access: .convenor, overview: nil,
            example: "prompt stats", handler: { CommandHandler(context: $1).promptStats(&$2) }),
        Entry(
            name: "digest.preview", usage: "/cop digest preview", access: .convenor,
            overview: "`/cop digest preview`: preview the weekly round-up (`digest now` posts it)",
            example: "digest preview", handler: engagementDesk),
        Entry(
            name: "digest.now", usage: "/cop digest now", access: .convenor, overview: nil, example: "digest now",
            handler: engagementDesk),
        Entry(
            name: "rules.list", usage: "/cop rules list", access: .convenor,
            overview: "`/cop rules list`: see the community's rules (`rules explain RULE_ID`)", example: "rules list",
            handler: { CommandHandler(context: $1).listRules(&$2) }),
        Entry(
            name: "rules.explain", usage: "/cop rules explain RULE_ID", access: .convenor, overview: nil,
            example: "rules explain welcome-newcomer", handler: { CommandHandler(context: $1).explainRule($0, &$2) }),
    ]

    /// The topic names, in help order.
    static let topicNames: [String] = topics.map(\.name)

    /// The topic called `name` (lowercase), if any.
    static func topic(named name: String) -> Topic? {
        topics.first { $0.name == name }
    }

    /// The entry of the command called `name` (`poll.close`), if any.
    static func entry(named name: String) -> Entry? {
        entriesByName[name]
    }

    /// The entries of one topic, in help order.
    static func entries(of topic: Topic) -> [Entry] {
        entries.filter { $0.topic == topic.name }
    }

    /// Whether every command of `topic` is for convenors.
    static func isForConvenors(_ topic: Topic) -> Bool {
        let commands = entries(of: topic)
        return !commands.isEmpty && commands.allSatisfy { $0.access == .convenor }
    }

    /// The usage line of one command name such as `poll.close`.
    static func usage(forName name: String) -> String {
        entry(named: name)?.usage ?? "/cop help [topic]"
    }

    /// The usage lines of a whole topic, one per line.
    static func usage(forTopic topic: Topic) -> String {
        entries(of: topic).map(\.usage).joined(separator: "\n")
    }

    private static let entriesByName: [String: Entry] = Dictionary(
        entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    private static let pollDesk: Handler = { PollDesk.handle($0, $1, replies: &$2) }
    private static let surveyDesk: Handler = { SurveyDesk.handle($0, $1, replies: &$2) }
    private static let pairingDesk: Handler = { PairingDesk.handle($0, $1, replies: &$2) }
    private static let engagementDesk: Handler = { EngagementDesk.handle($0, $1, replies: &$2) }
    private static let mailDesk: Handler = { MailDesk.handle($0, $1, replies: &$2) }
}
