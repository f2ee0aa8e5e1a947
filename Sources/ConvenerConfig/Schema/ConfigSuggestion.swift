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
            var distance = editDistance(needle, Array(candidate.lowercased().unicodeScalars))
            if !input.contains("/"), let last = candidate.split(separator: "/").last, last.count < candidate.count {
                distance = min(distance, editDistance(needle, Array(last.lowercased().unicodeScalars)))
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

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.
    static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var twoBack = [Int](repeating: 0, count: rhs.count + 1)
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
                    current[j] = min(current[j], twoBack[j - 2] + 1)
                }
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[rhs.count]
    }
}
