import ConvenerCore

/// "Did you mean …?" for keys, enum values and time zones: the closest candidate within a small edit distance.
enum ConfigSuggestion {
    /// The candidate closest to `input` (ignoring case), if it is close enough to be a likely typo.
    ///
    /// When `input` has no `/`, candidates are also compared by their last `/` component, so `Berlin`
    /// suggests `Europe/Berlin`. A candidate that starts with an input of 3 or more letters counts as close
    /// (`warn` suggests `warning`).
    static func closest(to input: String, in candidates: some Sequence<String>) -> String? {
        let needle = Array(input.lowercased().unicodeScalars)
        guard !needle.isEmpty else { return nil }
        let limit = max(1, min(3, needle.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            var distance = SpellingDistance.between(needle, Array(candidate.lowercased().unicodeScalars))
            if !input.contains("/"), let last = candidate.split(separator: "/").last, last.count < candidate.count {
                distance = min(distance, SpellingDistance.between(needle, Array(last.lowercased().unicodeScalars)))
            }
            if needle.count >= 3, candidate.lowercased().hasPrefix(input.lowercased()) {
                distance = min(distance, limit)
            }
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }
}
