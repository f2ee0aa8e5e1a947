import Testing

@testable import ConvenerCore

/// One input and the command it must parse to.
struct CommandParseCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: CopCommand

    init(_ input: String, _ expected: CopCommand) {
        self.input = input
        self.expected = expected
    }

    var testDescription: String {
        input.isEmpty ? "(empty)" : input
    }
}

private func pollCommand(
    _ question: String, _ options: [String], max: Int = 1, anonymous: Bool = false, hidden: Bool = false,
    closes: CommandDeadline? = nil
) -> CopCommand {
    .pollCreate(
        CommandPollRequest(
            question: question, options: options, maxChoices: max, isAnonymous: anonymous,
            hidesResultsUntilClosed: hidden, closes: closes))
}

private func duration(_ seconds: Int) -> CommandDuration {
    CommandDuration(seconds: seconds) ?? CommandDuration.maximum
}

private func at(
    _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0, offset: Int? = nil
) -> CommandDeadline? {
    CommandDateTime(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second, utcOffsetSeconds: offset
    ).map { .at($0) }
}

private let alice = MemberMention(id: "alice", kind: .username)

@Suite("Command parser: the grammar of PRODUCT.md §4")
struct CommandParserTests {
    static let helpCases: [CommandParseCase] = [
        CommandParseCase("", .help(topic: nil)),
        CommandParseCase("   ", .help(topic: nil)),
        CommandParseCase("/cop", .help(topic: nil)),
        CommandParseCase("/cop   ", .help(topic: nil)),
        CommandParseCase("help", .help(topic: nil)),
        CommandParseCase("/cop help", .help(topic: nil)),
        CommandParseCase("help poll", .help(topic: "poll")),
        CommandParseCase("HELP Pair", .help(topic: "pair")),
        CommandParseCase("help pair join", .help(topic: "pair")),
        CommandParseCase("help me", .help(topic: "me")),
        CommandParseCase("help help", .help(topic: "help")),
        CommandParseCase("/COP help rules", .help(topic: "rules")),
    ]

    static let pollCases: [CommandParseCase] = [
        CommandParseCase("/cop poll \"Lunch?\" \"Pizza\" \"Sushi\"", pollCommand("Lunch?", ["Pizza", "Sushi"])),
        CommandParseCase("poll \"Lunch?\" \"Pizza\" \"Sushi\"", pollCommand("Lunch?", ["Pizza", "Sushi"])),
        CommandParseCase(
            "poll \"Lunch?\" \"Pizza\" \"Sushi\" --multi", pollCommand("Lunch?", ["Pizza", "Sushi"], max: 2)),
        CommandParseCase("poll \"Q\" \"A\" \"B\" \"C\" --max 2", pollCommand("Q", ["A", "B", "C"], max: 2)),
        CommandParseCase("poll \"Q\" \"A\" \"B\" \"C\" --max=3", pollCommand("Q", ["A", "B", "C"], max: 3)),
        CommandParseCase("poll \"Q\" \"A\" \"B\" --max 1", pollCommand("Q", ["A", "B"], max: 1)),
        CommandParseCase("poll \"Q\" \"A\" \"B\" \"C\" --multi --max 2", pollCommand("Q", ["A", "B", "C"], max: 2)),
        CommandParseCase(
            "poll \"Q\" \"A\" \"B\" --anonymous --hidden", pollCommand("Q", ["A", "B"], anonymous: true, hidden: true)),
        CommandParseCase(
            "poll \"Q\" \"A\" \"B\" --closes 2d", pollCommand("Q", ["A", "B"], closes: .after(duration(2 * 86_400)))),
        CommandParseCase(
            "poll \"Q\" \"A\" \"B\" --closes=1d12h",
            pollCommand("Q", ["A", "B"], closes: .after(duration(36 * 3_600)))),
        CommandParseCase(
            "poll --closes 2026-12-01T17:00 \"Q\" \"A\" \"B\"",
            pollCommand("Q", ["A", "B"], closes: at(2026, 12, 1, 17, 0))),
        CommandParseCase(
            "poll \"Q\" \"A\" \"B\" --closes 2026-12-01T17:00:30Z",
            pollCommand("Q", ["A", "B"], closes: at(2026, 12, 1, 17, 0, 30, offset: 0))),
        CommandParseCase(
            "poll \"Q\" \"A\" \"B\" --closes 2026-12-01T17:00+02:00",
            pollCommand("Q", ["A", "B"], closes: at(2026, 12, 1, 17, 0, offset: 7_200))),
        CommandParseCase(
            "poll \"Q\" \"A\" \"B\" --closes 2028-02-29T09:30-05:30",
            pollCommand("Q", ["A", "B"], closes: at(2028, 2, 29, 9, 30, offset: -19_800))),
        CommandParseCase(
            "poll \"Q\" \"A\" \"B\" \"C\" --multi --anonymous --hidden --closes 2w",
            pollCommand(
                "Q", ["A", "B", "C"], max: 3, anonymous: true, hidden: true, closes: .after(duration(14 * 86_400)))),
        CommandParseCase(
            "poll \u{201C}Lunch?\u{201D} \u{201C}Pizza\u{201D} \u{201C}Sushi\u{201D}",
            pollCommand("Lunch?", ["Pizza", "Sushi"])),
        CommandParseCase(
            "poll \u{201E}Mittag?\u{201C} \u{201E}Pizza\u{201C} \u{201D}Sushi\u{201D}",
            pollCommand("Mittag?", ["Pizza", "Sushi"])),
        CommandParseCase(
            "poll \u{2018}Tea?\u{2019} \u{2018}Yes\u{2019} \u{2018}No\u{2019}", pollCommand("Tea?", ["Yes", "No"])),
        CommandParseCase("poll 'Lunch?' 'Pizza' 'Mom's cooking'", pollCommand("Lunch?", ["Pizza", "Mom's cooking"])),
        CommandParseCase(
            "poll \"What's for lunch?\" Pizza Sushi", pollCommand("What's for lunch?", ["Pizza", "Sushi"])),
        CommandParseCase("poll Lunch? Pizza Sushi", pollCommand("Lunch?", ["Pizza", "Sushi"])),
        CommandParseCase("poll \"Say \\\"hi\\\"?\" \"Yes\" \"No\"", pollCommand("Say \"hi\"?", ["Yes", "No"])),
        CommandParseCase("poll 'It\\'s on?' 'Yes' 'No'", pollCommand("It's on?", ["Yes", "No"])),
        CommandParseCase("poll \"Path?\" \"C:\\\\temp\" \"a\\b\"", pollCommand("Path?", ["C:\\temp", "a\\b"])),
        CommandParseCase("poll \"  Spaced?  \" \" A \" \"B \"", pollCommand("Spaced?", ["A", "B"])),
        CommandParseCase("poll \"Q\"\"A\"\"B\"", pollCommand("Q", ["A", "B"])),
        CommandParseCase("poll \"Q\" \"--multi\" \"B\"", pollCommand("Q", ["--multi", "B"])),
        CommandParseCase("poll \"close\" \"A\" \"B\"", pollCommand("close", ["A", "B"])),
        CommandParseCase("poll \"Q\" \"A\" \"B\" \u{2014}multi", pollCommand("Q", ["A", "B"], max: 2)),
        CommandParseCase("poll \"Q\" \"A\" \"B\" \u{2013}anonymous", pollCommand("Q", ["A", "B"], anonymous: true)),
        CommandParseCase("poll \"Q\" \"A\" \"B\" --MULTI", pollCommand("Q", ["A", "B"], max: 2)),
        CommandParseCase("poll \"Q\" \"A\" \"B\" --max \"2\"", pollCommand("Q", ["A", "B"], max: 2)),
        CommandParseCase(
            "poll \"Q\" \"1\" \"2\" \"3\" \"4\" \"5\" \"6\" \"7\" \"8\" \"9\" \"10\" --max 10",
            pollCommand("Q", ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], max: 10)),
        CommandParseCase("poll \"Emoji? 🎉\" \"🍕\" \"🍣\"", pollCommand("Emoji? 🎉", ["🍕", "🍣"])),
        CommandParseCase("poll\t\"Q\"\n\"A\"  \"B\"", pollCommand("Q", ["A", "B"])),
        CommandParseCase("poll close P7", .pollClose("P7")),
        CommandParseCase("poll close p7", .pollClose("P7")),
        CommandParseCase("poll close #P7", .pollClose("P7")),
        CommandParseCase("poll close 7", .pollClose("P7")),
        CommandParseCase("poll close P007", .pollClose("P7")),
        CommandParseCase("POLL CLOSE p123", .pollClose("P123")),
        CommandParseCase("poll results P12", .pollResults("P12")),
        CommandParseCase("poll results \"p3\"", .pollResults("P3")),
        CommandParseCase("poll list", .pollList),
        CommandParseCase("/cop Poll List", .pollList),
    ]

    static let otherCases: [CommandParseCase] = [
        CommandParseCase("feedback The room is too cold", .feedback("The room is too cold")),
        CommandParseCase("feedback \"All of it quoted\"", .feedback("All of it quoted")),
        CommandParseCase("feedback it's \"great\" really", .feedback("it's \"great\" really")),
        CommandParseCase("feedback    spaced   out   ", .feedback("spaced   out")),
        CommandParseCase("feedback line one\nline two", .feedback("line one\nline two")),
        CommandParseCase("feedback --hidden flags are just text", .feedback("--hidden flags are just text")),
        CommandParseCase("feedback \"unterminated is fine here", .feedback("\"unterminated is fine here")),
        CommandParseCase("survey start pulse", .surveyStart(CommandSurveyRequest(template: "pulse"))),
        CommandParseCase(
            "survey start pulse --closes 7d --k 5",
            .surveyStart(
                CommandSurveyRequest(
                    template: "pulse", closes: .after(duration(7 * 86_400)), anonymityThreshold: 5))),
        CommandParseCase(
            "survey start retro-2026_q1 --k=3",
            .surveyStart(CommandSurveyRequest(template: "retro-2026_q1", anonymityThreshold: 3))),
        CommandParseCase(
            "survey start --closes 2026-12-01T17:00 pulse",
            .surveyStart(CommandSurveyRequest(template: "pulse", closes: at(2026, 12, 1, 17, 0)))),
        CommandParseCase("survey results S2", .surveyResults("S2")),
        CommandParseCase("survey results s2", .surveyResults("S2")),
        CommandParseCase("survey results 2", .surveyResults("S2")),
        CommandParseCase("survey list", .surveyList),
        CommandParseCase("kudos @alice for the demo", .kudos(alice, reason: "for the demo")),
        CommandParseCase("kudos @alice: thanks!", .kudos(alice, reason: "thanks!")),
        CommandParseCase("kudos @alice, it's been great", .kudos(alice, reason: "it's been great")),
        CommandParseCase("kudos @alice \"for the demo\"", .kudos(alice, reason: "for the demo")),
        CommandParseCase(
            "kudos <@U123|alice> thanks!",
            .kudos(MemberMention(id: "U123", displayName: "alice", kind: .userID), reason: "thanks!")),
        CommandParseCase(
            "kudos <@U123> thanks!", .kudos(MemberMention(id: "U123", kind: .userID), reason: "thanks!")),
        CommandParseCase(
            "kudos <@!42> great talk", .kudos(MemberMention(id: "42", kind: .userID), reason: "great talk")),
        CommandParseCase(
            "kudos <@81726354> great talk",
            .kudos(MemberMention(id: "81726354", kind: .userID), reason: "great talk")),
        CommandParseCase(
            "kudos @user.name for --everything",
            .kudos(
                MemberMention(id: "user.name", kind: .username),
                reason: "for --everything")),
        CommandParseCase("pair join", .pairJoin(CommandPairJoinRequest())),
        CommandParseCase("pair join --role mentor", .pairJoin(CommandPairJoinRequest(role: .mentor))),
        CommandParseCase("pair join --role=MENTEE", .pairJoin(CommandPairJoinRequest(role: .mentee))),
        CommandParseCase(
            "pair join --role peer --interests a,b --tz Europe/Berlin --capacity 2",
            .pairJoin(
                CommandPairJoinRequest(
                    role: .peer, interests: ["a", "b"], timeZone: "Europe/Berlin", capacity: 2))),
        CommandParseCase(
            "pair join --interests \" Swift, testing,swift,,CI \"",
            .pairJoin(CommandPairJoinRequest(interests: ["swift", "testing", "ci"]))),
        CommandParseCase("pair join --tz europe/berlin", .pairJoin(CommandPairJoinRequest(timeZone: "Europe/Berlin"))),
        CommandParseCase(
            "pair join --tz America/New_York", .pairJoin(CommandPairJoinRequest(timeZone: "America/New_York"))),
        CommandParseCase("pair join --tz UTC", .pairJoin(CommandPairJoinRequest(timeZone: "UTC"))),
        CommandParseCase("pair join --capacity=3", .pairJoin(CommandPairJoinRequest(capacity: 3))),
        CommandParseCase("pair leave", .pairLeave),
        CommandParseCase("pair pause 2w", .pairPause(duration(14 * 86_400))),
        CommandParseCase("pair pause 1w3d", .pairPause(duration(10 * 86_400))),
        CommandParseCase("pair resume", .pairResume),
        CommandParseCase("pair status", .pairStatus),
        CommandParseCase("pair not @alice", .pairNot(alice)),
        CommandParseCase("pair not <@U9|bo>", .pairNot(MemberMention(id: "U9", displayName: "bo", kind: .userID))),
        CommandParseCase("away 3d", .away(duration(3 * 86_400))),
        CommandParseCase("away 30m", .away(duration(1_800))),
        CommandParseCase("away 2h", .away(duration(7_200))),
        CommandParseCase("away 1d12h", .away(duration(36 * 3_600))),
        CommandParseCase("away 2H30M", .away(duration(9_000))),
        CommandParseCase("back", .back),
        CommandParseCase("roster join", .rosterJoin),
        CommandParseCase("roster leave", .rosterLeave),
        CommandParseCase("roster skip", .rosterSkip),
        CommandParseCase("roster swap @sam", .rosterSwap(MemberMention(id: "sam", kind: .username))),
        CommandParseCase("roster who", .rosterWho),
        CommandParseCase("prompt now", .promptNow),
        CommandParseCase("prompt next", .promptNext),
        CommandParseCase("prompt skip", .promptSkip),
        CommandParseCase("prompt stats", .promptStats),
        CommandParseCase("digest preview", .digestPreview),
        CommandParseCase("digest now", .digestNow),
        CommandParseCase("stats", .stats),
        CommandParseCase("events", .events),
        CommandParseCase("/cop   stats  ", .stats),
        CommandParseCase("me", .me),
        CommandParseCase("me export", .meExport),
        CommandParseCase("me email ada@example.org", .meEmail("ada@example.org")),
        CommandParseCase("me EMAIL <mailto:ada@example.org|ada@example.org>", .meEmail("ada@example.org")),
        CommandParseCase("me email <ada.l@example.org>", .meEmail("ada.l@example.org")),
        CommandParseCase("me email OFF", .meEmailOff),
        CommandParseCase("me forget", .meForget),
        CommandParseCase("me forget confirm", .meForgetConfirm),
        CommandParseCase("me FORGET Confirm", .meForgetConfirm),
        CommandParseCase("rules list", .rulesList),
        CommandParseCase("rules explain weekly-digest", .rulesExplain("weekly-digest")),
        CommandParseCase("rules explain nudge.inactive_30d", .rulesExplain("nudge.inactive_30d")),
    ]

    @Test("help parses", arguments: helpCases)
    func help(_ testCase: CommandParseCase) {
        #expect(CommandParser.parse(testCase.input) == .success(testCase.expected))
    }

    @Test("poll parses", arguments: pollCases)
    func polls(_ testCase: CommandParseCase) {
        #expect(CommandParser.parse(testCase.input) == .success(testCase.expected))
    }

    @Test("other commands parse", arguments: otherCases)
    func others(_ testCase: CommandParseCase) {
        #expect(CommandParser.parse(testCase.input) == .success(testCase.expected))
    }

    @Test("a poll allows several choices only with --multi or --max above 1")
    func multipleChoices() throws {
        let single = try #require(try? CommandParser.parse("poll \"Q\" \"A\" \"B\"").get())
        let multi = try #require(try? CommandParser.parse("poll \"Q\" \"A\" \"B\" --multi").get())
        guard case .pollCreate(let singleRequest) = single, case .pollCreate(let multiRequest) = multi else {
            Issue.record("expected poll requests")
            return
        }
        #expect(!singleRequest.allowsMultipleChoices)
        #expect(multiRequest.allowsMultipleChoices)
    }
}
