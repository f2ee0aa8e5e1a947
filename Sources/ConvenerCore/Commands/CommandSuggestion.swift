/// "Did you mean …?" for commands, subcommands, flags, topics and time zones, by edit distance.
enum CommandSuggestion {
    /// The candidate closest to `input` (ignoring case) if it is close enough to be a typo, else `nil`.
    ///
    /// Close enough: at most 1 edit for words up to 4 characters, 2 up to 8, 3 beyond; a swap of two
    /// neighbouring letters counts as one edit. A unique candidate that starts with the input
    /// (at least 2 characters) also counts, so `res` suggests `results`.
    static func closest(to input: String, in candidates: [String]) -> String? {
        let word = Array(input.lowercased())
        guard !word.isEmpty else {
            return nil
        }
        let limit = word.count <= 4 ? 1 : (word.count <= 8 ? 2 : 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = SpellingDistance.between(word, Array(candidate.lowercased()), limit: limit)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        if let best {
            return best.candidate
        }
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(input.lowercased()) }
        return word.count >= 2 && prefixed.count == 1 ? prefixed.first : nil
    }

    /// A list read aloud: "a", "a or b", "a, b or c" (with `conjunction` "or" or "and").
    static func spokenList(_ items: [String], conjunction: String = "or") -> String {
        guard let last = items.last else {
            return ""
        }
        let head = items.dropLast()
        return head.isEmpty ? last : head.joined(separator: ", ") + " \(conjunction) " + last
    }
}
