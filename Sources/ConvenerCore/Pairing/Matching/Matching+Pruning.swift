extension Matching {
    /// Keeps the union of every node's `k` heaviest edges, for exact matching on large pools.
    ///
    /// An edge survives when it is among the top `k` of either endpoint (ties: heavier first, then
    /// the smaller neighbour index), so every node keeps at least `min(k, degree)` candidates.
    /// Parallel edges collapse to the heaviest; self-loops are dropped. The result has at most
    /// `k * nodeCount` edges, each with `a < b`, sorted by `(a, b)`.
    public static func pruneToTopK(nodeCount: Int, edges: [Edge], k: Int) -> [Edge] {
        precondition(k >= 0, "Matching.pruneToTopK: k must not be negative (got \(k)).")
        let cleaned = heaviestSimpleEdges(nodeCount: nodeCount, edges: edges)
        var incident = [[Int]](repeating: [], count: nodeCount)
        for (index, edge) in cleaned.enumerated() {
            incident[edge.a].append(index)
            incident[edge.b].append(index)
        }
        var keep = [Bool](repeating: false, count: cleaned.count)
        for node in 0..<nodeCount where !incident[node].isEmpty {
            let ranked = incident[node].sorted { lhs, rhs in
                let l = cleaned[lhs]
                let r = cleaned[rhs]
                if l.weight != r.weight { return l.weight > r.weight }
                return l.a + l.b - node < r.a + r.b - node
            }
            for index in ranked.prefix(k) { keep[index] = true }
        }
        return cleaned.indices.filter { keep[$0] }.map { cleaned[$0] }
    }
}
