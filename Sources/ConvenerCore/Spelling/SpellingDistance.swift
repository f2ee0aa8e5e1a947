/// The one edit distance behind every "did you mean …?" (commands, config keys, rule ids, time zones).
public enum SpellingDistance {
    /// The optimal-string-alignment distance between `lhs` and `rhs`: insertions, deletions, substitutions and
    /// swaps of two neighbours cost 1 each. Once it exceeds `limit` it stops early and returns `limit + 1`.
    public static func between<Element: Equatable>(_ lhs: [Element], _ rhs: [Element], limit: Int = .max) -> Int {
        let cap = limit == .max ? limit : limit + 1
        if abs(lhs.count - rhs.count) > limit { return cap }
        if lhs.isEmpty || rhs.isEmpty { return max(lhs.count, rhs.count) }
        var twoBack = [Int](repeating: 0, count: rhs.count + 1)
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
                    value = min(value, twoBack[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return cap }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[rhs.count]
    }
}
