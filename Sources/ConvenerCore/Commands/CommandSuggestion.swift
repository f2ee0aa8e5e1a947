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
            let distance = editDistance(word, Array(candidate.lowercased()), limit: limit)
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

    /// The optimal-string-alignment distance between two words, or `limit + 1` once it exceeds `limit`.
    static func editDistance(_ lhs: [Character], _ rhs: [Character], limit: Int) -> Int {
        if abs(lhs.count - rhs.count) > limit {
            return limit + 1
        }
        if lhs.isEmpty || rhs.isEmpty {
            return max(lhs.count, rhs.count)
        }
        var previousPrevious = [Int](repeating: 0, count: rhs.count + 1)
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit {
                return limit + 1
            }
            previousPrevious = previous
            previous = current
        }
        return previous[rhs.count]
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
