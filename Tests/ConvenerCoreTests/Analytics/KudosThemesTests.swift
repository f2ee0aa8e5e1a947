import Testing

@testable import ConvenerCore

@Suite("Kudos themes")
struct KudosThemesTests {
    @Test("An ASCII reason read as bytes has the themes it has read character by character")
    func asciiAgreesWithCharacters() {
        let pieces = [
            "thanks", "for", "the", "Docs", "#Rust-lang", "review's", "--pairing--", "'quoted'", "2024", "v2",
            "ab", "<@U123|ada>", "<at>Ada Lovelace</at>", "<AT>x</at>", "@ada", "<", ">", "ada", "lovelace",
            "help!", "on-call,", "C++", "#", "-", "'s", "well-done.", "\r\n", "\t", " ", "mentor-ship", "Ada's",
            "DOCS'S", "<At>Bob</AT>", "foo<@U1>bar", "@", "x@y", "\u{0B}", "\u{0C}", "#'-x--", "abc'",
        ]
        let names: Set<String> = ["ada", "lovelace", "u123"]
        var generator = EngagementSeededGenerator(seed: 18)
        for _ in 0..<3_000 {
            let count = Int.random(in: 1...12, using: &generator)
            let reason = (0..<count).map { _ in
                let piece = pieces.randomElement(using: &generator) ?? ""
                return Bool.random(using: &generator) ? piece + " " : piece
            }.joined()
            #expect(
                KudosThemes.themes(in: reason, names: names) == KudosThemes.characterThemes(in: reason, names: names),
                "\(reason)")
        }
    }

    @Test("An ASCII name read as bytes has the words it has read character by character")
    func asciiNamesAgreeWithCharacters() {
        let pieces = ["Ada", "LOVELACE", "u123", "-", "_", ".", " ", "O'Brien", "x2", "\t", "", "Zoë", "9"]
        var generator = EngagementSeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let name = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            var bytes = Set<String>()
            var characters = Set<String>()
            KudosThemes.addNameWords(of: name, to: &bytes)
            KudosThemes.addCharacterNameWords(of: name, to: &characters)
            #expect(bytes == characters, "\(name)")
        }
    }

    @Test("A reason with non-ASCII letters keeps its accented and curly-quoted words whole")
    func nonASCII() {
        let themes = KudosThemes.themes(in: "merci pour la révision’s café ’n’ crème", names: [])
        #expect(themes == ["merci", "pour", "révision", "café", "crème"])
    }
}
