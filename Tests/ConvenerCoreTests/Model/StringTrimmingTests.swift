import ConvenerCore
import Foundation
import Testing

@Suite("Trimming whitespace")
struct StringTrimmingTests {
    @Test("gives what Foundation's trimming gives, with and without whitespace at the ends")
    func matchesFoundation() {
        let samples = [
            "", " ", "kudos", "  kudos @ana  ", "\n\tkudos\r\n", "\u{00A0}kudos\u{2003}", "kudos\u{0085}",
            "\u{2028}a b\u{2029}", "é ", " 👋", "a\u{301}", "\u{200B}zero width\u{200B}",
        ]
        for sample in samples {
            #expect(sample.trimmingWhitespace == sample.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(sample[...].trimmingWhitespace == sample.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
