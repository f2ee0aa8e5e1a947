import Foundation

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines, as `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives it, without Foundation's work when there is nothing to trim: every command's
    /// text and every kudos reason pass here. (Each character of that set is a `White_Space` scalar.)
    public var trimmingWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last, !first.properties.isWhitespace,
            !last.properties.isWhitespace
        else { return trimmingCharacters(in: .whitespacesAndNewlines) }
        return String(self)
    }
}
