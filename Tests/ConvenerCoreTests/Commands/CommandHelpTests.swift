import Testing

@testable import ConvenerCore

@Suite("Command help: overview and topics")
struct CommandHelpTests {
    static let topics = [
        "help", "poll", "feedback", "survey", "kudos", "pair", "away", "back", "roster", "stats", "events", "me",
        "prompt",
        "digest", "rules",
    ]

    @Test("the topics are every command word")
    func topicList() {
        #expect(CommandHelp.topics == Self.topics)
    }

    @Test("every topic has usage, a sentence and an example", arguments: topics)
    func topicText(topic: String) throws {
        let text = try CommandHelp.text(forTopic: topic).get()
        let usage = try #require(CommandHelp.usage(forTopic: topic))
        #expect(text.hasPrefix("`/cop \(topic)`: ") || text.hasPrefix("`/cop \(topic)` (for convenors): "))
        for line in usage.split(separator: "\n") {
            #expect(line.hasPrefix("/cop \(topic)"))
            #expect(text.contains("`\(line)`"))
        }
        #expect(text.contains("\nExample:\n`/cop \(topic)") || text.contains("\nExamples:\n`/cop \(topic)"))
        #expect(!text.contains("*"))
    }

    @Test("every example in the help parses to a command of its topic", arguments: topics)
    func examplesParse(topic: String) throws {
        let text = try CommandHelp.text(forTopic: topic).get()
        let examples = text.components(separatedBy: "Example").last?.split(separator: "\n").dropFirst() ?? []
        #expect(!examples.isEmpty)
        for line in examples {
            let example = String(line.dropFirst().dropLast())
            let command = try CommandParser.parse(example).get()
            #expect(command.topic == topic, "\(example)")
        }
    }

    @Test("convenor topics say so", arguments: topics)
    func convenorMarks(topic: String) throws {
        let text = try CommandHelp.text(forTopic: topic).get()
        let firstLine = text.split(separator: "\n").first ?? ""
        #expect(firstLine.contains("(for convenors)") == ["prompt", "digest", "rules", "stats"].contains(topic))
    }

    @Test("topics match case-insensitively, with /cop and a subcommand")
    func lenientTopics() throws {
        let poll = try CommandHelp.text(forTopic: "poll").get()
        #expect(try CommandHelp.text(forTopic: "POLL").get() == poll)
        #expect(try CommandHelp.text(forTopic: " /cop poll ").get() == poll)
        #expect(try CommandHelp.text(forTopic: "poll close").get() == poll)
        #expect(CommandHelp.usage(forTopic: "Pair") == CommandHelp.usage(forTopic: "pair"))
        #expect(CommandHelp.usage(forTopic: "nope") == nil)
    }

    @Test("an unknown topic is an error that lists the topics")
    func unknownTopic() {
        let list = Self.topics.dropLast().joined(separator: ", ") + " and rules"
        #expect(
            CommandHelp.text(forTopic: "kudo")
                == .failure(
                    CommandError(
                        message: "There is no help topic \"kudo\"; did you mean kudos? Topics: \(list).",
                        usage: "/cop help [topic]")))
        #expect(
            CommandHelp.text(forTopic: "weather")
                == .failure(
                    CommandError(
                        message: "There is no help topic \"weather\"; the topics are \(list).",
                        usage: "/cop help [topic]")))
        #expect(
            CommandHelp.text(forTopic: "poll close now")
                == .failure(
                    CommandError(
                        message: "There is no help topic \"poll close now\"; the topics are \(list).",
                        usage: "/cop help [topic]")))
    }

    @Test("the overview lists every topic once, everyone first, then convenors")
    func overview() throws {
        let overview = CommandHelp.overview
        let everyone = try #require(overview.range(of: "\nFor everyone\n"))
        let convenors = try #require(overview.range(of: "\nFor convenors\n"))
        #expect(everyone.upperBound < convenors.lowerBound)
        for topic in Self.topics {
            #expect(overview.contains("`/cop \(topic)"), "\(topic)")
        }
        let convenorPart = overview[convenors.upperBound...]
        for topic in ["survey start", "prompt", "digest", "rules"] {
            #expect(convenorPart.contains("`/cop \(topic)"), "\(topic)")
        }
        #expect(!overview[..<convenors.lowerBound].contains("`/cop prompt"))
        #expect(!overview.contains("*"))
        for line in overview.split(separator: "\n") where line.hasPrefix("`") {
            #expect(line.count <= 110, "\(line)")
        }
    }

    @Test("help usage lines agree with the parser's usage for every subcommand")
    func usageAgreesWithParser() throws {
        for topic in Self.topics {
            let usage = try #require(CommandHelp.usage(forTopic: topic))
            #expect(usage.split(separator: "\n").count >= 1)
        }
        #expect(CommandHelp.usage(forTopic: "pair")?.split(separator: "\n").count == 6)
        #expect(CommandHelp.usage(forTopic: "me")?.split(separator: "\n").count == 8)
    }
}
