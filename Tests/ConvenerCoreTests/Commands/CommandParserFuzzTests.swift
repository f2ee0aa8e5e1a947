import Foundation
import Testing

@testable import ConvenerCore

/// A small deterministic generator, so fuzz failures can be replayed from the seed.
private struct CommandFuzzGenerator {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

@Suite("Command parser: fuzzing finds no crash and every error is well formed")
struct CommandParserFuzzTests {
    private static let pieces = [
        "/cop", "poll", "close", "results", "list", "survey", "start", "kudos", "pair", "join", "not", "away",
        "back", "roster", "swap", "prompt", "digest", "me", "forget", "confirm", "rules", "explain", "help",
        "feedback", "stats", "--multi", "--max", "--max=", "--closes", "--k", "--role", "--tz", "--interests",
        "--capacity", "=", "-", "--", "\u{2014}", "\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\\",
        "\\\"", "@", "@alice", "<@U1|a>", "<@!9>", "<", ">", "|", "P7", "S2", "2d", "1d12h", "0m", "99999999999w",
        "2026-12-01T17:00", "2026-02-30T10:00+99:00", "Europe/Berlin", "x", "🎉", " ", "  ", "\n", "\t", "e\u{301}",
    ]

    @Test("random inputs never crash; errors name a problem and show /cop usage", arguments: 0..<8)
    func fuzz(seed: Int) {
        var generator = CommandFuzzGenerator(state: UInt64(seed) &+ 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<2_000 {
            var input = ""
            for _ in 0..<generator.next(12) {
                input += Self.pieces[generator.next(Self.pieces.count)]
                if generator.next(3) > 0 {
                    input += " "
                }
            }
            switch CommandParser.parse(input) {
            case .success(let command):
                #expect(!command.name.isEmpty)
                #expect(command.usage.hasPrefix("/cop "))
            case .failure(let error):
                #expect(!error.message.isEmpty, "\(input)")
                #expect(!error.message.contains("\n") || input.contains("\n"), "\(input)")
                #expect(error.usage.split(separator: "\n").allSatisfy { $0.hasPrefix("/cop ") }, "\(input)")
                #expect(error.description.hasPrefix(error.message + "\nUsage: /cop "), "\(input)")
            }
        }
    }

    @Test("quoted options with quotes and backslashes round-trip through escaping", arguments: 0..<4)
    func escapingRoundTrip(seed: Int) throws {
        var generator = CommandFuzzGenerator(state: UInt64(seed) &+ 17)
        let alphabet: [Character] = ["a", "b", " ", "\"", "'", "\\", "é", "-", "?"]
        for _ in 0..<300 {
            let options = (0..<(2 + generator.next(4))).map { index in
                "o\(index)" + String((0..<generator.next(6)).map { _ in alphabet[generator.next(alphabet.count)] })
                    + "z"
            }
            let quoted = options.map { option in
                "\"" + option.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + "\""
            }
            let command = try CommandParser.parse("poll \"Q?\" " + quoted.joined(separator: " ")).get()
            #expect(command == .pollCreate(CommandPollRequest(question: "Q?", options: options)))
        }
    }
}
