import Testing

@testable import ConvenerCore
@testable import ConvenerPlatforms

/// Cutting text byte by byte over its ASCII gives the same cuts as walking its characters.
struct PlatformTextTests {
    /// Pieces that make the byte walk's edge cases: CR LF, a combining mark after ASCII, emoji sequences.
    private static let pieces = [
        "a", "b", " ", "\n", "\r\n", "\r", "&", "<", ">", "e\u{301}", "\u{301}", "é", "👩‍💻", "🇫🇷", "—", "“", "x",
    ]

    /// A reference cut: the longest run of whole characters that fits in `units`.
    private static func naivePrefix(_ text: String, units: Int, measure: (Character) -> Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            used += measure(character)
            if used > units { break }
            result.append(character)
        }
        return result
    }

    private static func escaped(_ character: Character) -> Int {
        switch character {
        case "&": 5
        case "<", ">": 4
        default: character.utf16.count
        }
    }

    private static func texts(count: Int) -> [String] {
        var random = MatchingSplitMix64(seed: 18)
        return (0..<count).map { _ in
            let asciiLead = String(repeating: "plain words ", count: Int.random(in: 0...6, using: &random))
            let mixed = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                pieces[Int(random.next() % UInt64(pieces.count))]
            }
            return asciiLead + mixed.joined()
        }
    }

    @Test func truncationCutsWhereTheCharacterWalkCuts() {
        for text in Self.texts(count: 3_000) {
            for limit in [0, 1, 5, 13, 40, 90] {
                let room = max(0, limit - PlatformText.truncationMarker.utf16.count)
                let expected =
                    text.utf16.count > limit
                    ? Self.naivePrefix(text, units: room, measure: { $0.utf16.count }) + PlatformText.truncationMarker
                    : text
                #expect(PlatformText.truncated(text, limit: limit) == expected, "\(text.debugDescription) at \(limit)")
                let marker = PlatformText.truncationMarker.reduce(0) { $0 + Self.escaped($1) }
                #expect(
                    PlatformText.markedTruncation(text, limit: limit, measure: Self.escaped)
                        == Self.naivePrefix(text, units: max(0, limit - marker), measure: Self.escaped)
                        + PlatformText.truncationMarker)
            }
        }
    }

    @Test func fitsAnswersAsTheUTF16LengthDoes() {
        for text in Self.texts(count: 1_000) {
            for limit in [0, 1, 5, 13, 40, 90, 200] {
                #expect(PlatformText.fits(text, in: limit) == (text.utf16.count <= limit), "\(text.debugDescription)")
            }
        }
    }

    @Test func chunksKeepEveryCharacterWhole() {
        for text in Self.texts(count: 1_000) {
            let pieces = PlatformText.chunks(text, limit: 17, measure: Self.escaped)
            #expect(pieces.allSatisfy { $0.reduce(0) { $0 + Self.escaped($1) } <= 17 })
            #expect(Array(pieces.joined()) == Array(text), "\(text.debugDescription)")
        }
    }
}
