import Testing

@testable import ConvenerCore

/// One input that must fail, with the exact message and usage of the error.
struct CommandErrorCase: Sendable, CustomTestStringConvertible {
    let input: String
    let message: String
    let usage: String

    init(_ input: String, _ message: String, _ usage: String) {
        self.input = input
        self.message = message
        self.usage = usage
    }

    var testDescription: String {
        input
    }
}

private enum Usage {
    static let help = "/cop help [topic]"
    static let pollCreate =
        "/cop poll \"Question?\" \"Option A\" \"Option B\" […] [--multi | --max N] [--anonymous] "
        + "[--hidden] [--closes 2d|2026-12-01T17:00]"
    static let poll = [pollCreate, "/cop poll close ID", "/cop poll results ID", "/cop poll list"]
        .joined(separator: "\n")
    static let surveyStart = "/cop survey start TEMPLATE [--closes 7d] [--k 5]"
    static let survey = [surveyStart, "/cop survey results ID", "/cop survey list"].joined(separator: "\n")
    static let pairJoin = "/cop pair join [--role mentor|mentee|peer] [--interests a,b] [--tz Area/City] [--capacity N]"
    static let pair = [
        pairJoin, "/cop pair leave", "/cop pair pause DURATION", "/cop pair resume", "/cop pair status",
        "/cop pair not @member",
    ].joined(separator: "\n")
    static let roster = [
        "/cop roster join", "/cop roster leave", "/cop roster skip", "/cop roster swap @member", "/cop roster who",
    ].joined(separator: "\n")
    static let prompt = ["/cop prompt now", "/cop prompt next", "/cop prompt skip", "/cop prompt stats"].joined(
        separator: "\n")
    static let digest = ["/cop digest preview", "/cop digest now"].joined(separator: "\n")
    static let me = [
        "/cop me", "/cop me export", "/cop me birthday MM-DD [--tz Area/City]", "/cop me birthday clear",
        "/cop me email ADDRESS", "/cop me email off", "/cop me forget", "/cop me forget confirm",
    ].joined(separator: "\n")
    static let meEmail = "/cop me email ADDRESS\n/cop me email off"
    static let meForget = "/cop me forget\n/cop me forget confirm"
    static let rules = ["/cop rules list", "/cop rules explain RULE_ID"].joined(separator: "\n")
}

private let topicList =
    "help, poll, feedback, survey, kudos, pair, away, back, roster, stats, events, me, prompt, digest and rules"

@Suite("Command parser: errors name the problem and show the usage")
struct CommandParserErrorTests {
    static let commandCases: [CommandErrorCase] = [
        CommandErrorCase("polll", "Unknown command \"polll\"; did you mean poll?", Usage.poll),
        CommandErrorCase("pol list", "Unknown command \"pol\"; did you mean poll?", Usage.poll),
        CommandErrorCase("surve list", "Unknown command \"surve\"; did you mean survey?", Usage.survey),
        CommandErrorCase("kudo @a hi", "Unknown command \"kudo\"; did you mean kudos?", "/cop kudos @member WHY"),
        CommandErrorCase("stat", "Unknown command \"stat\"; did you mean stats?", "/cop stats"),
        CommandErrorCase("rosetr who", "Unknown command \"rosetr\"; did you mean roster?", Usage.roster),
        CommandErrorCase("feeback x", "Unknown command \"feeback\"; did you mean feedback?", "/cop feedback TEXT"),
        CommandErrorCase("xyz", "Unknown command \"xyz\"; type /cop help to see all commands.", Usage.help),
        CommandErrorCase("--help", "Unknown command \"--help\"; did you mean help?", Usage.help),
        CommandErrorCase("/copstats", "Unknown command \"/copstats\"; type /cop help to see all commands.", Usage.help),
        CommandErrorCase(
            "help pols", "There is no help topic \"pols\"; did you mean poll? Topics: \(topicList).", Usage.help),
        CommandErrorCase("help xyz", "There is no help topic \"xyz\"; the topics are \(topicList).", Usage.help),
        CommandErrorCase("help poll extra", "help takes one topic; \"extra\" is extra.", Usage.help),
        CommandErrorCase("help poll close now", "help takes one topic; \"now\" is extra.", Usage.help),
        CommandErrorCase("help --all", "help takes no flags, but got --all.", Usage.help),
        CommandErrorCase(
            "\"poll", "The quote at column 1 (\"poll) is never closed; add the closing quote.", Usage.help),
    ]

    static let pollCases: [CommandErrorCase] = [
        CommandErrorCase(
            "poll", "poll needs a question and 2 to 10 options, or one of close, results or list.", Usage.poll),
        CommandErrorCase(
            "poll \"Q\"", "The poll needs at least 2 options after the question; it has none.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\"", "The poll needs at least 2 options after the question; it has only 1.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" 1 2 3 4 5 6 7 8 9 10 11", "A poll takes at most 10 options; this one has 11.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"\" \"A\" \"B\"", "The poll question is empty; write it in quotes, like \"Lunch on Friday?\".",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"  \"", "Option 2 is empty; give it some text or leave it out.", Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"Pizza\" \"pizza \"", "The option \"pizza\" is listed twice; each option must be different.",
            Usage.pollCreate),
        CommandErrorCase("poll clsoe P7", "Unknown poll subcommand \"clsoe\"; did you mean close?", Usage.poll),
        CommandErrorCase("poll lists", "Unknown poll subcommand \"lists\"; did you mean list?", Usage.poll),
        CommandErrorCase("poll result P7", "Unknown poll subcommand \"result\"; did you mean results?", Usage.poll),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --mutli", "Unknown flag --mutli for poll; did you mean --multi?",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --colour red",
            "Unknown flag --colour for poll; poll takes --multi, --max, --anonymous, --hidden and --closes.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --anon", "Unknown flag --anon for poll; did you mean --anonymous?", Usage.pollCreate
        ),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --multi --multi", "--multi is given twice; give it once.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes 1d --closes=2d", "--closes is given twice; give it once.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --multi=yes", "--multi takes no value; write just --multi.",
            Usage.pollCreate),
        CommandErrorCase("poll \"Q\" \"A\" \"B\" --max", "--max needs a value, like --max 2.", Usage.pollCreate),
        CommandErrorCase("poll \"Q\" \"A\" \"B\" --max=", "--max needs a value, like --max 2.", Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --max --multi", "--max needs a value, like --max 2.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes", "--closes needs a value, like --closes 2d.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --max 0",
            "--max needs a whole number from 1 to 2 (the number of options), not \"0\".",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --max two",
            "--max needs a whole number from 1 to 2 (the number of options), not \"two\".", Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --max -1",
            "--max needs a whole number from 1 to 2 (the number of options), not \"-1\".", Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" \"C\" --max 4", "--max 4 is more than the 3 options; use a number from 1 to 3.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" -multi", "Flags start with two dashes: write --multi, not -multi.", Usage.pollCreate
        ),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes 7x",
            "For --closes, \"7x\" is not a duration; use a number and a unit, like 30m, 2h, 3d, 2w or 1d12h.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes 2026-02-30T10:00",
            "For --closes, \"2026-02-30T10:00\" is not a real date; February 2026 has 28 days.", Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes 2026-12-01",
            "For --closes, \"2026-12-01\" has no time of day; add one, like 2026-12-01T17:00.", Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes 2026-12-01T25:00",
            "For --closes, \"2026-12-01T25:00\" is not a real time of day; use 00:00 to 23:59.", Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes 2026-13-01T10:00",
            "For --closes, \"2026-13-01T10:00\" is not a real date; check the year and month.", Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes 2026-12-01T10:00+2",
            "For --closes, \"2026-12-01T10:00+2\" has an offset that is not ±HH:MM; write it like +02:00 or -05:00.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes 2026-12-01T10:00PM",
            "For --closes, \"2026-12-01T10:00PM\" is not a date and time; write a date and time like "
                + "2026-12-01T17:00 (optionally with :SS and Z or +02:00).",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\" --closes 1h-2",
            "For --closes, \"1h-2\" is neither a duration nor a date; use 2d or 2026-12-01T17:00.", Usage.pollCreate),
        CommandErrorCase(
            "poll \"Lunch? Pizza Sushi",
            "The quote at column 6 (\"Lunch? Pizza S…) is never closed; add the closing quote.",
            Usage.pollCreate),
        CommandErrorCase(
            "/cop poll \"Q\" 'A' \u{201C}B",
            "The quote at column 19 (\u{201C}B) is never closed; add the closing quote.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\" \"A\" \"B\\\"", "The quote at column 14 (\"B\\\") is never closed; add the closing quote.",
            Usage.pollCreate),
        CommandErrorCase(
            "poll \"Q\"\n\"A\" 'B", "The quote at line 2, column 5 ('B) is never closed; add the closing quote.",
            Usage.pollCreate),
        CommandErrorCase("poll close", "poll close needs a poll ID, like P7.", "/cop poll close ID"),
        CommandErrorCase("poll close P7 P8", "poll close takes one poll ID; \"P8\" is extra.", "/cop poll close ID"),
        CommandErrorCase("poll close S2", "S2 is a survey ID; poll IDs start with P, like P7.", "/cop poll close ID"),
        CommandErrorCase("poll close X9", "\"X9\" is not a poll ID; poll IDs look like P7.", "/cop poll close ID"),
        CommandErrorCase("poll close P0", "\"P0\" is not a poll ID; poll IDs look like P7.", "/cop poll close ID"),
        CommandErrorCase("poll close P", "\"P\" is not a poll ID; poll IDs look like P7.", "/cop poll close ID"),
        CommandErrorCase(
            "poll close P12345678901", "\"P12345678901\" is not a poll ID; poll IDs look like P7.", "/cop poll close ID"
        ),
        CommandErrorCase("poll close P7 --now", "poll close takes no flags, but got --now.", "/cop poll close ID"),
        CommandErrorCase("poll results", "poll results needs a poll ID, like P7.", "/cop poll results ID"),
        CommandErrorCase(
            "poll results 'P7", "The quote at column 14 ('P7) is never closed; add the closing quote.",
            "/cop poll results ID"),
        CommandErrorCase("poll list all", "poll list takes no arguments; \"all\" is extra.", "/cop poll list"),
        CommandErrorCase("poll list --multi", "poll list takes no flags, but got --multi.", "/cop poll list"),
    ]

    static let surveyAndTextCases: [CommandErrorCase] = [
        CommandErrorCase(
            "feedback", "feedback needs some text: what would you like the convenors to know?",
            "/cop feedback TEXT"),
        CommandErrorCase(
            "feedback   ", "feedback needs some text: what would you like the convenors to know?",
            "/cop feedback TEXT"),
        CommandErrorCase(
            "feedback \"\"", "feedback needs some text: what would you like the convenors to know?",
            "/cop feedback TEXT"),
        CommandErrorCase("survey", "survey needs a subcommand: start, results or list.", Usage.survey),
        CommandErrorCase(
            "survey strat pulse", "Unknown survey subcommand \"strat\"; did you mean start?", Usage.survey),
        CommandErrorCase(
            "survey open pulse", "Unknown survey subcommand \"open\"; survey takes start, results or list.",
            Usage.survey),
        CommandErrorCase("survey start", "survey start needs a template name, like pulse.", Usage.surveyStart),
        CommandErrorCase(
            "survey start pulse retro", "survey start takes one template name; \"retro\" is extra.",
            Usage.surveyStart),
        CommandErrorCase(
            "survey start \"my survey\"",
            "\"my survey\" is not a template name; use letters, digits, - and _, like pulse.",
            Usage.surveyStart),
        CommandErrorCase(
            "survey start pulse --k 2",
            "--k needs a whole number of at least 3, not \"2\", so that no answer can be traced to a person.",
            Usage.surveyStart),
        CommandErrorCase(
            "survey start pulse --k five",
            "--k needs a whole number of at least 3, not \"five\", so that no answer can be traced to a person.",
            Usage.surveyStart),
        CommandErrorCase("survey start pulse --k", "--k needs a value, like --k 5.", Usage.surveyStart),
        CommandErrorCase(
            "survey start pulse --anonymous",
            "Unknown flag --anonymous for survey start; survey start "
                + "takes --closes and --k.", Usage.surveyStart),
        CommandErrorCase(
            "survey start pulse --close 7d", "Unknown flag --close for survey start; did you mean --closes?",
            Usage.surveyStart),
        CommandErrorCase(
            "survey start pulse --closes 0d", "For --closes, \"0d\" is zero; give a duration longer than that.",
            Usage.surveyStart),
        CommandErrorCase(
            "survey start pulse --closes 105w", "For --closes, \"105w\" is too long; the longest is 104 weeks.",
            Usage.surveyStart),
        CommandErrorCase("survey results", "survey results needs a survey ID, like S7.", "/cop survey results ID"),
        CommandErrorCase(
            "survey results P7", "P7 is a poll ID; survey IDs start with S, like S7.",
            "/cop survey results ID"),
        CommandErrorCase("survey list now", "survey list takes no arguments; \"now\" is extra.", "/cop survey list"),
        CommandErrorCase(
            "kudos", "kudos needs a member and what you appreciate, like @alice for the great demo.",
            "/cop kudos @member WHY"),
        CommandErrorCase("kudos @bob", "Say why @bob deserves kudos, after the mention.", "/cop kudos @member WHY"),
        CommandErrorCase("kudos @bob   ", "Say why @bob deserves kudos, after the mention.", "/cop kudos @member WHY"),
        CommandErrorCase(
            "kudos bob thanks", "\"bob\" is not a member mention; mention them with @, like @alice.",
            "/cop kudos @member WHY"),
        CommandErrorCase(
            "kudos @here thanks all", "@here mentions everyone; mention one member, like @alice.",
            "/cop kudos @member WHY"),
        CommandErrorCase(
            "kudos <!channel> thanks all", "<!channel> is a group mention; mention one member, like @alice.",
            "/cop kudos @member WHY"),
        CommandErrorCase(
            "kudos <@&123> thanks team", "<@&123> is a role; mention one member, like @alice.",
            "/cop kudos @member WHY"),
        CommandErrorCase(
            "kudos <#C123|general> thanks", "<#C123|general> is a channel; mention one member, like @alice.",
            "/cop kudos @member WHY"),
        CommandErrorCase(
            "kudos \"@bob thanks", "The quote at column 7 (\"@bob thanks) is never closed; add the closing quote.",
            "/cop kudos @member WHY"),
    ]

    static let memberCases: [CommandErrorCase] = [
        CommandErrorCase("pair", "pair needs a subcommand: join, leave, pause, resume, status or not.", Usage.pair),
        CommandErrorCase("pair jion", "Unknown pair subcommand \"jion\"; did you mean join?", Usage.pair),
        CommandErrorCase(
            "pair --role mentor",
            "pair needs a subcommand before --role: join, leave, pause, resume, "
                + "status or not.", Usage.pair),
        CommandErrorCase(
            "pair join --role mentr", "--role must be mentor, mentee or peer, not \"mentr\"; did you mean mentor?",
            Usage.pairJoin),
        CommandErrorCase(
            "pair join --role boss", "--role must be mentor, mentee or peer, not \"boss\".", Usage.pairJoin),
        CommandErrorCase("pair join --role", "--role needs a value, like --role mentor.", Usage.pairJoin),
        CommandErrorCase(
            "pair join --interests \" , ,\"",
            "--interests needs at least one interest, like --interests design,testing.", Usage.pairJoin),
        CommandErrorCase(
            "pair join --interests rust, swift",
            "pair join takes only flags; \"swift\" is extra; write interests without spaces, like design,testing, "
                + "or quote them.",
            Usage.pairJoin),
        CommandErrorCase("pair join mentor", "pair join takes only flags; \"mentor\" is extra.", Usage.pairJoin),
        CommandErrorCase(
            "pair join --tz Europe/Berln",
            "For --tz, \"Europe/Berln\" is not a time zone I know; did you mean Europe/Berlin?", Usage.pairJoin),
        CommandErrorCase(
            "pair join --tz Berlin", "For --tz, \"Berlin\" is not a time zone I know; did you mean Europe/Berlin?",
            Usage.pairJoin),
        CommandErrorCase(
            "pair join --tz \"America/New York\"",
            "For --tz, \"America/New York\" is not a time zone I know; did you mean America/New_York?", Usage.pairJoin),
        CommandErrorCase(
            "pair join --tz \"new york\"",
            "For --tz, \"new york\" is not a time zone I know; did you mean America/New_York?", Usage.pairJoin),
        CommandErrorCase(
            "pair join --tz PST",
            "For --tz, \"PST\" is not a time zone I know; did you mean America/Los_Angeles?", Usage.pairJoin),
        CommandErrorCase(
            "pair join --tz Asia/Tokio",
            "For --tz, \"Asia/Tokio\" is not a time zone I know; did you mean Asia/Tokyo?", Usage.pairJoin),
        CommandErrorCase(
            "pair join --tz Mars/Olympus_Mons",
            "For --tz, \"Mars/Olympus_Mons\" is not a time zone I know; use an Area/City name like Europe/Berlin or "
                + "America/New_York.",
            Usage.pairJoin),
        CommandErrorCase(
            "pair join --capacity 0", "--capacity needs a whole number of at least 1, not \"0\".", Usage.pairJoin),
        CommandErrorCase(
            "pair join --capacity lots", "--capacity needs a whole number of at least 1, not \"lots\".",
            Usage.pairJoin),
        CommandErrorCase("pair join --tz UTC --tz UTC", "--tz is given twice; give it once.", Usage.pairJoin),
        CommandErrorCase(
            "pair join --timezone UTC",
            "Unknown flag --timezone for pair join; pair join takes --role, --interests, --tz and --capacity.",
            Usage.pairJoin),
        CommandErrorCase(
            "pair join --intrests a", "Unknown flag --intrests for pair join; did you mean --interests?",
            Usage.pairJoin),
        CommandErrorCase("pair leave now", "pair leave takes no arguments; \"now\" is extra.", "/cop pair leave"),
        CommandErrorCase("pair leave --role mentor", "pair leave takes no flags, but got --role.", "/cop pair leave"),
        CommandErrorCase("pair pause", "pair pause needs a duration, like 2w or 3d.", "/cop pair pause DURATION"),
        CommandErrorCase(
            "pair pause 2 weeks", "pair pause takes one duration; \"weeks\" is extra.", "/cop pair pause DURATION"),
        CommandErrorCase(
            "pair pause soon",
            "\"soon\" is not a duration; use a number and a unit, like 30m, 2h, 3d, 2w or 1d12h.",
            "/cop pair pause DURATION"),
        CommandErrorCase("pair resume x", "pair resume takes no arguments; \"x\" is extra.", "/cop pair resume"),
        CommandErrorCase("pair status x", "pair status takes no arguments; \"x\" is extra.", "/cop pair status"),
        CommandErrorCase("pair not", "pair not needs a member, like @alice.", "/cop pair not @member"),
        CommandErrorCase("pair not @a @b", "pair not takes one member; \"@b\" is extra.", "/cop pair not @member"),
        CommandErrorCase(
            "pair not alice", "\"alice\" is not a member mention; mention them with @, like @alice.",
            "/cop pair not @member"),
        CommandErrorCase("away", "away needs a duration, like 2w or 3d.", "/cop away DURATION"),
        CommandErrorCase(
            "away 7x", "\"7x\" is not a duration; use a number and a unit, like 30m, 2h, 3d, 2w or 1d12h.",
            "/cop away DURATION"),
        CommandErrorCase("away 0m", "\"0m\" is zero; give a duration longer than that.", "/cop away DURATION"),
        CommandErrorCase("away 2", "\"2\" has no unit; add m, h, d or w, like 2m or 2h.", "/cop away DURATION"),
        CommandErrorCase(
            "away 12h1d", "\"12h1d\" is not a duration; give each unit once, largest first, like 1d12h.",
            "/cop away DURATION"),
        CommandErrorCase(
            "away 1d1d", "\"1d1d\" is not a duration; give each unit once, largest first, like 1d12h.",
            "/cop away DURATION"),
        CommandErrorCase(
            "away -2d", "\"-2d\" is not a duration; use a number and a unit, like 30m, 2h, 3d, 2w or 1d12h.",
            "/cop away DURATION"),
        CommandErrorCase(
            "away 1.5d", "\"1.5d\" is not a duration; use a number and a unit, like 30m, 2h, 3d, 2w or 1d12h.",
            "/cop away DURATION"),
        CommandErrorCase(
            "away 99999999w", "\"99999999w\" is too long; the longest is 104 weeks.", "/cop away DURATION"),
        CommandErrorCase("away 2w 3d", "away takes one duration; \"3d\" is extra.", "/cop away DURATION"),
        CommandErrorCase("back soon", "back takes no arguments; \"soon\" is extra.", "/cop back"),
        CommandErrorCase("roster", "roster needs a subcommand: join, leave, skip, swap or who.", Usage.roster),
        CommandErrorCase("roster whoo", "Unknown roster subcommand \"whoo\"; did you mean who?", Usage.roster),
        CommandErrorCase(
            "roster swap", "roster swap needs the member to swap with, like @alice.",
            "/cop roster swap @member"),
        CommandErrorCase(
            "roster skip twice", "roster skip takes no arguments; \"twice\" is extra.", "/cop roster skip"),
        CommandErrorCase("roster join x", "roster join takes no arguments; \"x\" is extra.", "/cop roster join"),
        CommandErrorCase("roster leave x", "roster leave takes no arguments; \"x\" is extra.", "/cop roster leave"),
        CommandErrorCase("roster who x", "roster who takes no arguments; \"x\" is extra.", "/cop roster who"),
    ]

    static let convenorCases: [CommandErrorCase] = [
        CommandErrorCase("prompt", "prompt needs a subcommand: now, next, skip or stats.", Usage.prompt),
        CommandErrorCase(
            "prompt later", "Unknown prompt subcommand \"later\"; prompt takes now, next, skip or stats.",
            Usage.prompt),
        CommandErrorCase("prompt nxet", "Unknown prompt subcommand \"nxet\"; did you mean next?", Usage.prompt),
        CommandErrorCase("prompt now please", "prompt now takes no arguments; \"please\" is extra.", "/cop prompt now"),
        CommandErrorCase("prompt skip --all", "prompt skip takes no flags, but got --all.", "/cop prompt skip"),
        CommandErrorCase(
            "prompt stats weekly", "prompt stats takes no arguments; \"weekly\" is extra.", "/cop prompt stats"),
        CommandErrorCase("digest", "digest needs a subcommand: preview or now.", Usage.digest),
        CommandErrorCase(
            "digest preveiw", "Unknown digest subcommand \"preveiw\"; did you mean preview?",
            Usage.digest),
        CommandErrorCase("digest now x", "digest now takes no arguments; \"x\" is extra.", "/cop digest now"),
        CommandErrorCase("stats all", "stats takes no arguments; \"all\" is extra.", "/cop stats"),
        CommandErrorCase("events next", "events takes no arguments; \"next\" is extra.", "/cop events"),
        CommandErrorCase("stats --json", "stats takes no flags, but got --json.", "/cop stats"),
        CommandErrorCase("me exprot", "Unknown me subcommand \"exprot\"; did you mean export?", Usage.me),
        CommandErrorCase(
            "me delete", "Unknown me subcommand \"delete\"; me takes export, forget, birthday or email.", Usage.me),
        CommandErrorCase(
            "me email", "me email needs an e-mail address like ada@example.org, or the word off.", Usage.meEmail),
        CommandErrorCase(
            "me email ada@example",
            "\"ada@example\" is not an e-mail address; write one like ada@example.org "
                + "(one @, a domain with a dot, no spaces).", Usage.meEmail),
        CommandErrorCase(
            "me email ada.example.org",
            "\"ada.example.org\" is not an e-mail address; write one like "
                + "ada@example.org (one @, a domain with a dot, no spaces).", Usage.meEmail),
        CommandErrorCase(
            "me email a@b.org c@d.org", "me email takes one address; \"c@d.org\" is extra.", Usage.meEmail),
        CommandErrorCase("me --all", "me takes no flags, but got --all.", "/cop me"),
        CommandErrorCase(
            "me 'export", "The quote at column 4 ('export) is never closed; add the closing quote.", "/cop me"),
        CommandErrorCase("me export json", "me export takes no arguments; \"json\" is extra.", "/cop me export"),
        CommandErrorCase("me forget now", "me forget takes only the word confirm; \"now\" is extra.", Usage.meForget),
        CommandErrorCase(
            "me forget confirm now", "me forget confirm takes no more words; \"now\" is extra.", Usage.me),
        CommandErrorCase("rules", "rules needs a subcommand: list or explain.", Usage.rules),
        CommandErrorCase(
            "rules show x", "Unknown rules subcommand \"show\"; rules takes list or explain.", Usage.rules),
        CommandErrorCase("rules explian x", "Unknown rules subcommand \"explian\"; did you mean explain?", Usage.rules),
        CommandErrorCase(
            "rules explain", "rules explain needs a rule id, like weekly-digest.",
            "/cop rules explain RULE_ID"),
        CommandErrorCase(
            "rules explain a b", "rules explain takes one rule id; \"b\" is extra.",
            "/cop rules explain RULE_ID"),
        CommandErrorCase(
            "rules explain \"a rule\"",
            "\"a rule\" is not a rule id; rule ids look like weekly-digest (see /cop rules list).",
            "/cop rules explain RULE_ID"),
        CommandErrorCase("rules list all", "rules list takes no arguments; \"all\" is extra.", "/cop rules list"),
    ]

    private func check(_ testCase: CommandErrorCase) {
        let expected = CommandError(message: testCase.message, usage: testCase.usage)
        #expect(CommandParser.parse(testCase.input) == .failure(expected))
    }

    @Test("unknown commands and help topics", arguments: commandCases)
    func commands(_ testCase: CommandErrorCase) {
        check(testCase)
    }

    @Test("poll errors", arguments: pollCases)
    func polls(_ testCase: CommandErrorCase) {
        check(testCase)
    }

    @Test("survey, feedback and kudos errors", arguments: surveyAndTextCases)
    func surveysAndText(_ testCase: CommandErrorCase) {
        check(testCase)
    }

    @Test("pair, away and roster errors", arguments: memberCases)
    func members(_ testCase: CommandErrorCase) {
        check(testCase)
    }

    @Test("convenor command and me errors", arguments: convenorCases)
    func convenors(_ testCase: CommandErrorCase) {
        check(testCase)
    }

    @Test("the description is the message, then the usage")
    func description() {
        let error = CommandError(message: "poll close needs a poll ID, like P7.", usage: "/cop poll close ID")
        #expect(error.description == "poll close needs a poll ID, like P7.\nUsage: /cop poll close ID")
        guard case .failure(let parsed) = CommandParser.parse("poll close") else {
            Issue.record("expected an error")
            return
        }
        #expect("\(parsed)" == error.description)
    }

    @Test("every error message is one sentence ending in a full stop or a question mark")
    func oneSentence() {
        let all =
            Self.commandCases + Self.pollCases + Self.surveyAndTextCases + Self.memberCases
            + Self.convenorCases
        for testCase in all {
            #expect(testCase.message.hasSuffix(".") || testCase.message.hasSuffix("?"), "\(testCase.input)")
            #expect(!testCase.message.contains("\n"), "\(testCase.input)")
            #expect(testCase.usage.split(separator: "\n").allSatisfy { $0.hasPrefix("/cop ") }, "\(testCase.input)")
        }
    }
}
