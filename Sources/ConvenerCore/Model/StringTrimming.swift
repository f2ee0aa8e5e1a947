import Foundation

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines, as `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives it, without Foundation's work when both ends are visible ASCII: every
    /// command's text and every kudos reason pass here. (Foundation's set has non-ASCII members beyond Unicode's
    /// `White_Space`, such as U+200B, so any other end is left to it.)
    public var trimmingWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last, Self.isVisibleASCII(first),
            Self.isVisibleASCII(last)
        else { return trimmingCharacters(in: .whitespacesAndNewlines) }
        return String(self)
    }

    private static func isVisibleASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x20 && scalar.value < 0x7F
    }
}
