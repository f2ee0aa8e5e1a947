import Testing

@testable import ConvenerCore

@Suite("The one spelling distance")
struct SpellingDistanceTests {
    @Test(
        "Insertions, deletions, substitutions and neighbour swaps cost one each",
        arguments: [
            ("stats", "stats", 0), ("stat", "stats", 1), ("statss", "stats", 1), ("stars", "stats", 1),
            ("sttas", "stats", 1), ("", "poll", 4), ("kitten", "sitting", 3),
        ])
    func distances(_ lhs: String, _ rhs: String, _ expected: Int) {
        #expect(SpellingDistance.between(Array(lhs), Array(rhs)) == expected)
        #expect(SpellingDistance.between(Array(rhs.unicodeScalars), Array(lhs.unicodeScalars)) == expected)
    }

    @Test("Past the limit it stops and says limit + 1")
    func limit() {
        #expect(SpellingDistance.between(Array("kitten"), Array("sitting"), limit: 1) == 2)
        #expect(SpellingDistance.between(Array("a"), Array("abcdef"), limit: 2) == 3)
    }
}
