/// The `/cop` grammar as data: topics, their subcommands and usage lines, shared by the parser and help.
enum CommandCatalog {
    /// One top-level command word and what can follow it.
    struct Topic: Sendable {
        /// The command word, such as `poll`.
        let name: String
        /// The subcommand words, such as `close`, `results`, `list`; empty when it takes none.
        let subcommands: [String]
        /// The command names (`poll.create`, `poll.close`, …) whose usage lines make up the topic's usage.
        let commandNames: [String]
        /// Whether the whole topic is for convenors.
        let isForConvenors: Bool
    }

    /// Every topic, in the order help lists them.
    static let topics: [Topic] = [
        Topic(name: "help", subcommands: [], commandNames: ["help"], isForConvenors: false),
        Topic(
            name: "poll", subcommands: ["close", "results", "list"],
            commandNames: ["poll.create", "poll.close", "poll.results", "poll.list"], isForConvenors: false),
        Topic(name: "feedback", subcommands: [], commandNames: ["feedback"], isForConvenors: false),
        Topic(
            name: "survey", subcommands: ["start", "results", "list"],
            commandNames: ["survey.start", "survey.results", "survey.list"], isForConvenors: false),
        Topic(name: "kudos", subcommands: [], commandNames: ["kudos"], isForConvenors: false),
        Topic(
            name: "pair", subcommands: ["join", "leave", "pause", "resume", "status", "not"],
            commandNames: ["pair.join", "pair.leave", "pair.pause", "pair.resume", "pair.status", "pair.not"],
            isForConvenors: false),
        Topic(name: "away", subcommands: [], commandNames: ["away"], isForConvenors: false),
        Topic(name: "back", subcommands: [], commandNames: ["back"], isForConvenors: false),
        Topic(
            name: "roster", subcommands: ["join", "leave", "skip", "swap", "who"],
            commandNames: ["roster.join", "roster.leave", "roster.skip", "roster.swap", "roster.who"],
            isForConvenors: false),
        Topic(name: "stats", subcommands: [], commandNames: ["stats"], isForConvenors: false),
        Topic(
            name: "me", subcommands: ["export", "forget", "birthday"],
            commandNames: [
                "me.show", "me.export", "me.birthday", "me.birthday.clear", "me.forget", "me.forget.confirm",
            ],
            isForConvenors: false),
        Topic(
            name: "prompt", subcommands: ["now", "next", "skip"],
            commandNames: ["prompt.now", "prompt.next", "prompt.skip"], isForConvenors: true),
        Topic(
            name: "digest", subcommands: ["preview", "now"], commandNames: ["digest.preview", "digest.now"],
            isForConvenors: true),
        Topic(
            name: "rules", subcommands: ["list", "explain"], commandNames: ["rules.list", "rules.explain"],
            isForConvenors: true),
    ]

    /// The topic names, in help order.
    static let topicNames: [String] = topics.map(\.name)

    /// The topic called `name` (lowercase), if any.
    static func topic(named name: String) -> Topic? {
        topics.first { $0.name == name }
    }

    /// The usage line of one command name such as `poll.close`.
    static func usage(forName name: String) -> String {
        usageLines[name] ?? "/cop help [topic]"
    }

    /// The usage lines of a whole topic, one per line.
    static func usage(forTopic topic: Topic) -> String {
        topic.commandNames.map { usage(forName: $0) }.joined(separator: "\n")
    }

    private static let usageLines: [String: String] = [
        "help": "/cop help [topic]",
        "poll.create": "/cop poll \"Question?\" \"Option A\" \"Option B\" […] [--multi | --max N] [--anonymous] "
            + "[--hidden] [--closes 2d|2026-12-01T17:00]",
        "poll.close": "/cop poll close ID",
        "poll.results": "/cop poll results ID",
        "poll.list": "/cop poll list",
        "feedback": "/cop feedback TEXT",
        "survey.start": "/cop survey start TEMPLATE [--closes 7d] [--k 5]",
        "survey.results": "/cop survey results ID",
        "survey.list": "/cop survey list",
        "kudos": "/cop kudos @member WHY",
        "pair.join": "/cop pair join [--role mentor|mentee|peer] [--interests a,b] [--tz Area/City] [--capacity N]",
        "pair.leave": "/cop pair leave",
        "pair.pause": "/cop pair pause DURATION",
        "pair.resume": "/cop pair resume",
        "pair.status": "/cop pair status",
        "pair.not": "/cop pair not @member",
        "away": "/cop away DURATION",
        "back": "/cop back",
        "roster.join": "/cop roster join",
        "roster.leave": "/cop roster leave",
        "roster.skip": "/cop roster skip",
        "roster.swap": "/cop roster swap @member",
        "roster.who": "/cop roster who",
        "prompt.now": "/cop prompt now",
        "prompt.next": "/cop prompt next",
        "prompt.skip": "/cop prompt skip",
        "digest.preview": "/cop digest preview",
        "digest.now": "/cop digest now",
        "stats": "/cop stats",
        "me.show": "/cop me",
        "me.export": "/cop me export",
        "me.birthday": "/cop me birthday MM-DD [--tz Area/City]",
        "me.birthday.clear": "/cop me birthday clear",
        "me.forget": "/cop me forget",
        "me.forget.confirm": "/cop me forget confirm",
        "rules.list": "/cop rules list",
        "rules.explain": "/cop rules explain RULE_ID",
    ]
}
