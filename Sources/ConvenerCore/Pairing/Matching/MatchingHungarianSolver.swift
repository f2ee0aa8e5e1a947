/// The Hungarian algorithm (shortest augmenting paths with potentials, O(rows^2 * columns)) for a
/// minimum-cost assignment of every row to a distinct column, where some cells are forbidden.
///
/// The caller guarantees that a complete assignment exists (Convener adds zero-cost "unassigned"
/// columns), so forbidden cells are simply never relaxed.
struct MatchingHungarianSolver<Cost: MatchingHungarianCost> {
    private let rows: Int
    private let columns: Int
    private let cost: (Int, Int) -> Cost?

    /// Creates a solver; `cost(row, column)` is nil for a forbidden cell. Requires `rows <= columns`.
    init(rows: Int, columns: Int, cost: @escaping (Int, Int) -> Cost?) {
        self.rows = rows
        self.columns = columns
        self.cost = cost
    }

    /// Returns, for each row, its assigned column.
    func solve() -> [Int] {
        let m = columns
        // 1-based columns; column 0 is the virtual root of each search, as in the classic layout.
        var u = [Cost](repeating: .zero, count: rows + 1)
        var v = [Cost](repeating: .zero, count: m + 1)
        var owner = [Int](repeating: 0, count: m + 1)
        var way = [Int](repeating: 0, count: m + 1)
        var minValue = [Cost](repeating: .zero, count: m + 1)
        var reached = [Bool](repeating: false, count: m + 1)
        var used = [Bool](repeating: false, count: m + 1)
        for row in stride(from: 1, through: rows, by: 1) {
            owner[0] = row
            var j0 = 0
            for j in 0...m {
                reached[j] = false
                used[j] = false
            }
            repeat {
                used[j0] = true
                let i0 = owner[j0]
                var delta = Cost.zero
                var hasDelta = false
                var j1 = 0
                for j in 1...m where !used[j] {
                    if let c = cost(i0 - 1, j - 1) {
                        let current = c - u[i0] - v[j]
                        if !reached[j] || current < minValue[j] {
                            minValue[j] = current
                            reached[j] = true
                            way[j] = j0
                        }
                    }
                    if reached[j] && (!hasDelta || minValue[j] < delta) {
                        delta = minValue[j]
                        hasDelta = true
                        j1 = j
                    }
                }
                precondition(hasDelta, "MatchingHungarianSolver: no feasible column for row \(i0 - 1).")
                for j in 0...m {
                    if used[j] {
                        u[owner[j]] = u[owner[j]] + delta
                        v[j] = v[j] - delta
                    } else if reached[j] {
                        minValue[j] = minValue[j] - delta
                    }
                }
                j0 = j1
            } while owner[j0] != 0
            repeat {
                let j1 = way[j0]
                owner[j0] = owner[j1]
                j0 = j1
            } while j0 != 0
        }
        var assignment = [Int](repeating: -1, count: rows)
        for j in 1..<(m + 1) where owner[j] != 0 { assignment[owner[j] - 1] = j - 1 }
        return assignment
    }
}
