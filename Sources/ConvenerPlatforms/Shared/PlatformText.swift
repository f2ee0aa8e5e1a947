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

    /// Whether `text` is at most `limit` units long. Its UTF-8 length, which a native string knows without a pass
    /// over it, is never less than its UTF-16 length, so most replies are answered by that alone; counting UTF-16
    /// units in a text with a "•" in it means indexing the whole text first.
    static func fits(_ text: some StringProtocol, in limit: Int) -> Bool {
        text.utf8.count <= limit || length(text) <= limit
    }

    /// `text` cut to at most `limit` units, ending with the marker when something was cut.
    static func truncated(_ text: String, limit: Int, marker: String = truncationMarker) -> String {
        guard !fits(text, in: limit) else { return text }
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
        guard !fits(text, in: limit) else { return text }
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

    /// The longest run of whole characters from the start that fits in `units` UTF-16 units.
    ///
    /// Found from the point `units` in, not by walking the characters up to it: a long reply cut for a fallback (the
    /// text of `/cop help`) spent a twentieth of its request finding every grapheme boundary before the cut. The
    /// point is the cut when a character ends there; otherwise the cut goes back to where the character holding it
    /// starts (the Character-based index operations round a point inside a character down to its start).
    private static func prefix(_ text: String, units: Int) -> String {
        let utf16 = text.utf16
        guard let point = utf16.index(utf16.startIndex, offsetBy: units, limitedBy: utf16.endIndex),
            point != utf16.endIndex
        else { return text }
        let end = point.samePosition(in: text) ?? text.index(before: text.index(after: point))
        return String(text[..<end])
    }

    /// The end of the longest run of whole characters from the start that fits in `units`.
    private static func prefixEnd(
        _ text: Substring, units: Int, measure: (Character) -> Int = { $0.utf16.count }
    ) -> Substring.Index {
        var used: Int
        var end: Substring.Index
        switch asciiPrefixEnd(text, units: units, measure: measure) {
        case .found(let found): return found
        case .goOn(let usedSoFar, let from): (used, end) = (usedSoFar, from)
        }
        for index in text[end...].indices {
            let size = measure(text[index])
            if used + size > units { break }
            used += size
            end = text.index(after: index)
        }
        return end
    }

    /// Where `asciiPrefixEnd` left off.
    private enum ASCIIWalk {
        /// The end `prefixEnd` looks for.
        case found(Substring.Index)
        /// The walk by characters goes on from `from`, with `used` units taken before it.
        case goOn(used: Int, from: Substring.Index)
    }

    /// `prefixEnd` over the text's leading ASCII, a byte at a time. Walking characters means finding grapheme
    /// boundaries, which took most of a long reply's rendering, and an ASCII byte followed by another is a
    /// character of its own unless it is the CR of a CR LF. The walk by characters goes on where that stops
    /// holding: at a CR, or before the last ASCII byte when a combining mark could follow and extend it.
    private static func asciiPrefixEnd(
        _ text: Substring, units: Int, measure: (Character) -> Int
    ) -> ASCIIWalk {
        let bytes = text.utf8
        var used = 0
        var index = bytes.startIndex
        while index != bytes.endIndex, bytes[index] < 0x80, bytes[index] != UInt8(ascii: "\r") {
            let next = bytes.index(after: index)
            guard next == bytes.endIndex || bytes[next] < 0x80 else { break }
            let size = measure(Character(Unicode.Scalar(bytes[index])))
            if used + size > units { return .found(index) }
            used += size
            index = next
        }
        return index == bytes.endIndex ? .found(index) : .goOn(used: used, from: index)
    }
}
