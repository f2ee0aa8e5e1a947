import Foundation
import Testing

@testable import ConvenerCore

/// Ties every `/cop` command to its one entry in `CommandTable`: the parser, help and the permission check all
/// follow the entry.
@Suite("The command table")
struct CommandTableTests {
    typealias Support = EngagementTestSupport

    @Test("Every command the parser knows has exactly one entry, and every entry's example parses to it")
    func everyCommandHasOneEntry() throws {
        let names = CommandTable.entries.map(\.name)
        #expect(Set(names).count == names.count, "an entry is listed twice")
        #expect(Set(names) == Set(CommandPropertiesTests.cases.map(\.name)))
        for entry in CommandTable.entries {
            let command = try CommandParser.parse(entry.example).get()
            #expect(command.name == entry.name, "\(entry.example)")
            #expect(command.usage == entry.usage)
            #expect(command.requiresConvenor == (entry.access == .convenor))
            #expect(CommandTable.topic(named: entry.topic) != nil, "\(entry.name) has no topic")
        }
    }

    @Test("Every topic has commands and a help page that lists their usage")
    func everyTopicHasHelp() throws {
        for topic in CommandTable.topics {
            let entries = CommandTable.entries(of: topic)
            #expect(!entries.isEmpty, "\(topic.name) has no command")
            let help = try CommandHelp.text(forTopic: topic.name).get()
            for entry in entries { #expect(help.contains("`\(entry.usage)`"), "\(entry.name)") }
        }
    }

    @Test("The help overview lists each command under who may run it")
    func overviewFollowsAccess() throws {
        let overview = CommandHelp.overview
        let convenorsStart = try #require(overview.range(of: "\nFor convenors\n"))
        for entry in CommandTable.entries {
            guard let line = entry.overview else { continue }
            let place = try #require(overview.range(of: line), "\(entry.name) is missing from the overview")
            #expect((place.lowerBound > convenorsStart.lowerBound) == (entry.access == .convenor), "\(entry.name)")
        }
        #expect(
            try CommandHelp.text(forTopic: "survey").get().contains(
                "`/cop survey start TEMPLATE [--closes 7d] [--k 5]` (for convenors)"))
        #expect(try CommandHelp.text(forTopic: "stats").get().hasPrefix("`/cop stats` (for convenors)"))
    }

    @Test(
        "The reducer refuses exactly the convenors' commands to a member", arguments: CommandTable.entries.map(\.name))
    func permission(_ name: String) throws {
        let entry = try #require(CommandTable.entry(named: name))
        var harness = try EngagementHarness()
        harness.say("ada", at: Support.at(day: 0))
        let outcome = harness.command("ada", entry.example, at: Support.at(day: 0.1))
        let refused = outcome.replies.first?.text.hasPrefix("Only the convenors of Test Community can use") == true
        #expect(refused == (entry.access == .convenor))
        let byConvenor = harness.command("convenor", entry.example, at: Support.at(day: 0.2))
        #expect(byConvenor.replies.first?.text.hasPrefix("Only the convenors") != true)
    }
}
