/// Text measuring and splitting for platform limits.
///
/// Lengths are counted in UTF-16 code units: never less than what Slack, Discord or Mattermost count
/// (characters or code points), so a piece that fits here fits there too.
enum PlatformText {
    /// The marker appended where text had to be cut.
    static let truncationMarker = "…(truncated)"

    static func length(_ text: some StringProtocol) -> Int {
        text.utf16.count
    }

    /// `text` cut to at most `limit` units, ending with the marker when something was cut.
    static func truncated(_ text: String, limit: Int, marker: String = truncationMarker) -> String {
        guard length(text) > limit else { return text }
        let room = max(0, limit - length(marker))
        return prefix(text, units: room) + marker
    }

    /// `text` followed by the marker, cutting `text` so the whole costs at most `limit` under `measure`.
    static func markedTruncation(
        _ text: String, limit: Int, measure: (Character) -> Int = { $0.utf16.count }
    ) -> String {
        let room = max(0, limit - truncationMarker.reduce(0) { $0 + measure($1) })
        let slice = Substring(text)
        return String(slice[slice.startIndex..<prefixEnd(slice, units: room, measure: measure)]) + truncationMarker
    }

    /// `text` cut to at most `limit` units, without a marker (for labels where "…" alone reads better).
    static func clipped(_ text: String, limit: Int) -> String {
        guard length(text) > limit else { return text }
        return prefix(text, units: max(0, limit - 1)) + "…"
    }

    /// Splits `text` into pieces of at most `limit` units, preferring to break after a newline, then a space.
    /// `measure` gives what one character costs once rendered (e.g. after escaping); by default its UTF-16 length.
    static func chunks(
        _ text: String, limit: Int, measure: (Character) -> Int = { $0.utf16.count }
    ) -> [String] {
        precondition(limit > 0, "chunk limit must be positive")
        var pieces: [String] = []
        var rest = Substring(text)
        var remaining = rest.reduce(0) { $0 + measure($1) }
        while remaining > limit {
            let hard = prefixEnd(rest, units: limit, measure: measure)
            var cut = hard
            if let newline = rest[rest.startIndex..<hard].lastIndex(of: "\n"), newline > rest.startIndex {
                cut = rest.index(after: newline)
            } else if let space = rest[rest.startIndex..<hard].lastIndex(of: " "), space > rest.startIndex {
                cut = rest.index(after: space)
            }
            if cut == rest.startIndex {
                // One grapheme cluster longer than the limit (e.g. thousands of combining marks): replace it.
                remaining -= measure(rest[rest.startIndex])
                rest = rest.dropFirst()
                pieces.append("\u{FFFD}")
                continue
            }
            let piece = rest[rest.startIndex..<cut]
            remaining -= piece.reduce(0) { $0 + measure($1) }
            pieces.append(String(piece))
            rest = rest[cut...]
        }
        if !rest.isEmpty || pieces.isEmpty { pieces.append(String(rest)) }
        return pieces
    }

    private static func prefix(_ text: String, units: Int) -> String {
        let slice = Substring(text)
        return String(slice[slice.startIndex..<prefixEnd(slice, units: units)])
    }

    /// The end of the longest run of whole characters from the start that fits in `units`.
    private static func prefixEnd(
        _ text: Substring, units: Int, measure: (Character) -> Int = { $0.utf16.count }
    ) -> Substring.Index {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = measure(text[index])
            if used + size > units { break }
            used += size
            end = text.index(after: index)
        }
        return end
    }
}
