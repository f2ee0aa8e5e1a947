import Testing

@testable import ConvenerCore

/// The name, topic, convenor flag and usage of every command.
struct CommandPropertiesCase: Sendable, CustomTestStringConvertible {
    let input: String
    let name: String
    let requiresConvenor: Bool
    let usage: String

    var testDescription: String {
        input
    }
}

@Suite("Command properties: names for logs, convenor-only, usage")
struct CommandPropertiesTests {
    static let cases: [CommandPropertiesCase] = [
        .init(input: "help", name: "help", requiresConvenor: false, usage: "/cop help [topic]"),
        .init(
            input: "poll \"Q\" \"A\" \"B\"", name: "poll.create", requiresConvenor: false,
            usage: "/cop poll \"Question?\" \"Option A\" \"Option B\" […] [--multi | --max N] [--anonymous] "
                + "[--hidden] [--closes 2d|2026-12-01T17:00]"),
        .init(input: "poll close P1", name: "poll.close", requiresConvenor: false, usage: "/cop poll close ID"),
        .init(input: "poll results P1", name: "poll.results", requiresConvenor: false, usage: "/cop poll results ID"),
        .init(input: "poll list", name: "poll.list", requiresConvenor: false, usage: "/cop poll list"),
        .init(input: "feedback hi", name: "feedback", requiresConvenor: false, usage: "/cop feedback TEXT"),
        .init(
            input: "survey start pulse", name: "survey.start", requiresConvenor: true,
            usage: "/cop survey start TEMPLATE [--closes 7d] [--k 5]"),
        .init(
            input: "survey results S1", name: "survey.results", requiresConvenor: false,
            usage: "/cop survey results ID"),
        .init(input: "survey list", name: "survey.list", requiresConvenor: false, usage: "/cop survey list"),
        .init(input: "kudos @a thanks", name: "kudos", requiresConvenor: false, usage: "/cop kudos @member WHY"),
        .init(
            input: "pair join", name: "pair.join", requiresConvenor: false,
            usage: "/cop pair join [--role mentor|mentee|peer] [--interests a,b] [--tz Area/City] [--capacity N]"),
        .init(input: "pair leave", name: "pair.leave", requiresConvenor: false, usage: "/cop pair leave"),
        .init(input: "pair pause 1w", name: "pair.pause", requiresConvenor: false, usage: "/cop pair pause DURATION"),
        .init(input: "pair resume", name: "pair.resume", requiresConvenor: false, usage: "/cop pair resume"),
        .init(input: "pair status", name: "pair.status", requiresConvenor: false, usage: "/cop pair status"),
        .init(input: "pair not @a", name: "pair.not", requiresConvenor: false, usage: "/cop pair not @member"),
        .init(input: "away 1d", name: "away", requiresConvenor: false, usage: "/cop away DURATION"),
        .init(input: "back", name: "back", requiresConvenor: false, usage: "/cop back"),
        .init(input: "roster join", name: "roster.join", requiresConvenor: false, usage: "/cop roster join"),
        .init(input: "roster leave", name: "roster.leave", requiresConvenor: false, usage: "/cop roster leave"),
        .init(input: "roster skip", name: "roster.skip", requiresConvenor: false, usage: "/cop roster skip"),
        .init(input: "roster swap @a", name: "roster.swap", requiresConvenor: false, usage: "/cop roster swap @member"),
        .init(input: "roster who", name: "roster.who", requiresConvenor: false, usage: "/cop roster who"),
        .init(input: "prompt now", name: "prompt.now", requiresConvenor: true, usage: "/cop prompt now"),
        .init(input: "prompt next", name: "prompt.next", requiresConvenor: true, usage: "/cop prompt next"),
        .init(input: "prompt skip", name: "prompt.skip", requiresConvenor: true, usage: "/cop prompt skip"),
        .init(input: "prompt stats", name: "prompt.stats", requiresConvenor: true, usage: "/cop prompt stats"),
        .init(input: "digest preview", name: "digest.preview", requiresConvenor: true, usage: "/cop digest preview"),
        .init(input: "digest now", name: "digest.now", requiresConvenor: true, usage: "/cop digest now"),
        .init(input: "stats", name: "stats", requiresConvenor: true, usage: "/cop stats"),
        .init(input: "events", name: "events", requiresConvenor: false, usage: "/cop events"),
        .init(input: "me", name: "me.show", requiresConvenor: false, usage: "/cop me"),
        .init(input: "me export", name: "me.export", requiresConvenor: false, usage: "/cop me export"),
        .init(
            input: "me birthday 12-24", name: "me.birthday", requiresConvenor: false,
            usage: "/cop me birthday MM-DD [--tz Area/City]"),
        .init(
            input: "me birthday clear", name: "me.birthday.clear", requiresConvenor: false,
            usage: "/cop me birthday clear"),
        .init(
            input: "me email ada@example.org", name: "me.email", requiresConvenor: false,
            usage: "/cop me email ADDRESS"),
        .init(input: "me email off", name: "me.email.off", requiresConvenor: false, usage: "/cop me email off"),
        .init(input: "me forget", name: "me.forget", requiresConvenor: false, usage: "/cop me forget"),
        .init(
            input: "me forget confirm", name: "me.forget.confirm", requiresConvenor: false,
            usage: "/cop me forget confirm"),
        .init(input: "rules list", name: "rules.list", requiresConvenor: true, usage: "/cop rules list"),
        .init(
            input: "rules explain r1", name: "rules.explain", requiresConvenor: true,
            usage: "/cop rules explain RULE_ID"),
    ]

    @Test("name, convenor flag, topic and usage", arguments: cases)
    func properties(_ testCase: CommandPropertiesCase) throws {
        let command = try CommandParser.parse(testCase.input).get()
        #expect(command.name == testCase.name)
        #expect(command.requiresConvenor == testCase.requiresConvenor)
        #expect(command.usage == testCase.usage)
        #expect(command.topic == String(testCase.name.split(separator: ".")[0]))
        #expect(
            CommandHelp.usage(forTopic: command.topic)?.split(separator: "\n").contains(
                Substring(testCase.usage)) == true)
    }

    @Test("every command name is distinct")
    func distinctNames() {
        let names = Self.cases.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
