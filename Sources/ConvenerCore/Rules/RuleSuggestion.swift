/// "Did you mean …?" for event types and rule ids: the closest candidate within a small edit distance.
enum RuleSuggestion {
    /// The candidate closest to `input`, if close enough to be a likely typo.
    static func closest(to input: String, in candidates: [String]) -> String? {
        let needle = Array(input.lowercased().unicodeScalars)
        guard !needle.isEmpty else { return nil }
        let limit = max(1, min(3, needle.count / 3))
        var best: (String, Int)?
        for candidate in candidates {
            let distance = SpellingDistance.between(needle, Array(candidate.lowercased().unicodeScalars), limit: limit)
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }
}
