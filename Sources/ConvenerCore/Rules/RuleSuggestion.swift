/// "Did you mean …?" for event types and rule ids: the closest candidate within a small edit distance.
enum RuleSuggestion {
    /// The candidate closest to `input`, if close enough to be a likely typo.
    static func closest(to input: String, in candidates: [String]) -> String? {
        let needle = Array(input.lowercased().unicodeScalars)
        guard !needle.isEmpty else { return nil }
        let limit = max(1, min(3, needle.count / 3))
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(needle, Array(candidate.lowercased().unicodeScalars))
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    private static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
