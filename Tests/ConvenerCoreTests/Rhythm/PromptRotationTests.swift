import ConvenerCore
import Foundation
import Testing

@Suite("Prompt rotation")
struct PromptRotationTests {
    static func library(_ counts: [String: Int], extra: [String: [String]] = [:]) -> PromptLibrary {
        PromptLibrary(
            themes: counts.keys.sorted().map { theme in
                let ids =
                    (1...max(1, counts[theme] ?? 1)).map { "\(theme)-\($0 < 10 ? "0" : "")\($0)" }
                    + (extra[theme] ?? [])
                return PromptTheme(
                    id: theme, title: theme, description: "",
                    prompts: ids.map { DiscussionPrompt(id: $0, theme: theme, text: "Text of \($0)") })
            })
    }

    static func next(_ rotation: inout PromptRotation, _ theme: String, _ library: PromptLibrary) throws
        -> DiscussionPrompt
    {
        let prompt = rotation.next(theme: theme, library: library)
        return try #require(prompt)
    }

    static func skip(_ rotation: inout PromptRotation, _ theme: String, _ library: PromptLibrary) throws
        -> DiscussionPrompt
    {
        let prompt = rotation.skip(theme: theme, library: library)
        return try #require(prompt)
    }

    @Test(
        "no repeats until a theme is exhausted, and no round starts with the prompt posted last",
        arguments: [UInt64(0), 1, 42, 0xDEAD_BEEF])
    func rounds(seed: UInt64) throws {
        for size in [2, 3, 7, 14] {
            let library = Self.library(["reflection": size])
            var rotation = PromptRotation(seed: seed)
            var posted: [String] = []
            for _ in 0..<(size * 12) {
                posted.append(try Self.next(&rotation, "reflection", library).id)
            }
            let rounds = stride(from: 0, to: posted.count, by: size).map { Array(posted[$0..<($0 + size)]) }
            let all = Set(library.theme("reflection")?.prompts.map(\.id) ?? [])
            for round in rounds {
                #expect(Set(round) == all)
            }
            for (previous, next) in zip(posted, posted.dropFirst()) {
                #expect(previous != next)
            }
            #expect(rotation.themes["reflection"]?.round == 12)
            // Rounds are shuffled, not all alike (for themes large enough to tell).
            if size >= 7 { #expect(Set(rounds).count > 1) }
        }
    }

    @Test("preview shows what next posts and changes nothing")
    func preview() {
        let library = Self.library(["onboarding": 5])
        var rotation = PromptRotation(seed: 7)
        for _ in 0..<12 {
            let before = rotation
            let previewed = rotation.preview(theme: "onboarding", library: library)
            #expect(rotation == before)
            let posted = rotation.next(theme: "onboarding", library: library)
            #expect(posted == previewed)
        }
    }

    @Test("a skipped prompt is passed over this round and comes back in a later one")
    func skip() throws {
        let library = Self.library(["practice": 5])
        var rotation = PromptRotation(seed: 3)
        let skipped = try Self.skip(&rotation, "practice", library)
        var firstRound: [String] = []
        for _ in 0..<4 {
            firstRound.append(try Self.next(&rotation, "practice", library).id)
        }
        #expect(!firstRound.contains(skipped.id))
        #expect(Set(firstRound).count == 4)
        var secondRound: [String] = []
        for _ in 0..<5 {
            secondRound.append(try Self.next(&rotation, "practice", library).id)
        }
        #expect(secondRound.contains(skipped.id))
        #expect(Set(secondRound).count == 5)
        #expect(secondRound.first != firstRound.last)
    }

    @Test("removed ids are ignored and new ids join the current round")
    func libraryChanges() throws {
        let original = Self.library(["tools": 4])
        var rotation = PromptRotation(seed: 11)
        let first = try Self.next(&rotation, "tools", original).id
        let order = rotation.order(theme: "tools", round: 1, library: original)
        let removed = try #require(order.last { $0 != first })
        let grown = Self.library(["tools": 4], extra: ["tools": ["tools-50"]])
        let shrunk = PromptLibrary(
            themes: grown.themes.map { theme in
                var theme = theme
                theme.prompts.removeAll { $0.id == removed }
                return theme
            })
        var rest: [String] = []
        for _ in 0..<3 {
            rest.append(try Self.next(&rotation, "tools", shrunk).id)
        }
        #expect(
            Set(rest)
                == Set(["tools-01", "tools-02", "tools-03", "tools-04", "tools-50"]).subtracting([first, removed]))
        #expect(rotation.themes["tools"]?.round == 1)
        // The next one starts round 2.
        _ = rotation.next(theme: "tools", library: shrunk)
        #expect(rotation.themes["tools"]?.round == 2)
        #expect(rotation.themes["tools"]?.done.contains(removed) == false)
    }

    @Test("the order of a round does not move when prompts are added or removed")
    func stableOrder() {
        let small = Self.library(["wins": 6])
        let large = Self.library(["wins": 6], extra: ["wins": ["wins-50", "wins-51"]])
        let rotation = PromptRotation(seed: 5)
        for round in 1...5 {
            let withExtras = rotation.order(theme: "wins", round: round, library: large)
            #expect(
                withExtras.filter { !$0.hasPrefix("wins-5") }
                    == rotation.order(theme: "wins", round: round, library: small))
        }
        #expect(
            PromptRotation(seed: 5).order(theme: "wins", round: 1, library: small)
                == rotation.order(theme: "wins", round: 1, library: small))
    }

    @Test("an override keeps its place: it is the same prompt by id")
    func overrideKeepsPlace() throws {
        let builtIn = Self.library(["reflection": 3])
        var rotation = PromptRotation()
        let first = try Self.next(&rotation, "reflection", builtIn)
        let overridden = PromptLibrary(
            themes: builtIn.themes.map { theme in
                var theme = theme
                theme.prompts = theme.prompts.map {
                    $0.id == first.id ? DiscussionPrompt(id: $0.id, theme: $0.theme, text: "Our own wording") : $0
                }
                return theme
            })
        var rest: [String] = []
        for _ in 0..<2 {
            rest.append(try Self.next(&rotation, "reflection", overridden).id)
        }
        #expect(!rest.contains(first.id))
    }

    @Test("a one-prompt theme repeats it; an unknown or empty theme gives nothing")
    func edges() throws {
        let library = Self.library(["solo": 1])
        var rotation = PromptRotation()
        #expect(try Self.next(&rotation, "solo", library).id == "solo-01")
        #expect(try Self.next(&rotation, "solo", library).id == "solo-01")
        let missing = rotation.next(theme: "missing", library: library)
        let missingSkip = rotation.skip(theme: "missing", library: library)
        #expect(missing == nil && missingSkip == nil)
        #expect(rotation.preview(theme: "missing", library: library) == nil)
        let empty = PromptLibrary(themes: [PromptTheme(id: "empty", title: "Empty", description: "")])
        let none = rotation.next(theme: "empty", library: empty)
        #expect(none == nil)
    }

    @Test("state survives a JSON round trip and themes rotate independently")
    func codable() throws {
        let library = Self.library(["a": 4, "b": 4])
        var rotation = PromptRotation(seed: 9)
        _ = rotation.next(theme: "a", library: library)
        _ = rotation.skip(theme: "b", library: library)
        let decoded = try JSONDecoder().decode(PromptRotation.self, from: JSONEncoder().encode(rotation))
        #expect(decoded == rotation)
        #expect(decoded.themes["a"]?.done.count == 1)
        #expect(decoded.themes["b"]?.lastPosted == nil)
    }
}
