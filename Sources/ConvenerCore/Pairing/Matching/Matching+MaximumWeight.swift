extension Matching {
    /// Finds a maximum-weight matching of a general graph exactly (Edmonds' blossom algorithm).
    ///
    /// - Parameters:
    ///   - nodeCount: The number of nodes; edges refer to nodes `0..<nodeCount`.
    ///   - edges: Candidate edges. Self-loops are ignored; of parallel edges only the heaviest counts.
    ///   - maxCardinality: `false` maximises total weight alone (an edge that lowers the total is
    ///     left out, so people can stay unpaired). `true` first maximises the number of pairs and
    ///     then the weight among those matchings, like networkx's `maxcardinality=True`. Pairing
    ///     rounds should pass `true`: everyone who can be paired is paired.
    /// - Returns: The pairs and their total weight. O(n^3) in the worst case; much faster on
    ///   sparse graphs (see `pruneToTopK`).
    public static func maximumWeightMatching(nodeCount: Int, edges: [Edge], maxCardinality: Bool) -> Result {
        matchSimpleEdges(
            nodeCount: nodeCount, edges: heaviestSimpleEdges(nodeCount: nodeCount, edges: edges),
            maxCardinality: maxCardinality)
    }

    /// Solves edges already validated and made simple (each with `a < b`), as `heaviestSimpleEdges` returns.
    static func matchSimpleEdges(nodeCount: Int, edges cleaned: [Edge], maxCardinality: Bool) -> Result {
        guard !cleaned.isEmpty else { return Result(pairs: [], totalWeight: 0) }
        var solver = MatchingBlossomSolver(vertexCount: nodeCount, edges: cleaned, maxCardinality: maxCardinality)
        let mates = solver.solve()
        var matchedWeight = [Int64](repeating: 0, count: nodeCount)
        for edge in cleaned where mates[edge.a] == edge.b { matchedWeight[edge.a] = edge.weight }
        var pairs: [Pair] = []
        var total: Int64 = 0
        for v in 0..<nodeCount where mates[v] > v {
            pairs.append(Pair(v, mates[v], weight: matchedWeight[v]))
            total += matchedWeight[v]
        }
        return Result(pairs: pairs, totalWeight: total)
    }

    /// Validates edges and keeps, for every unordered node pair, only its heaviest edge.
    static func heaviestSimpleEdges(nodeCount: Int, edges: [Edge]) -> [Edge] {
        precondition(nodeCount >= 0, "Matching: nodeCount must not be negative (got \(nodeCount)).")
        var sorted: [Edge] = []
        sorted.reserveCapacity(edges.count)
        for edge in edges {
            precondition(
                edge.a >= 0 && edge.a < nodeCount && edge.b >= 0 && edge.b < nodeCount,
                "Matching: edge (\(edge.a), \(edge.b)) has an endpoint outside 0..<\(nodeCount)."
            )
            precondition(
                edge.weight.magnitude <= maximumAbsoluteWeight.magnitude,
                "Matching: edge (\(edge.a), \(edge.b)) weight \(edge.weight) exceeds ±2^40; scale weights down."
            )
            if edge.a == edge.b { continue }
            sorted.append(Edge(min(edge.a, edge.b), max(edge.a, edge.b), weight: edge.weight))
        }
        sorted.sort { ($0.a, $0.b, $1.weight) < ($1.a, $1.b, $0.weight) }
        var result: [Edge] = []
        result.reserveCapacity(sorted.count)
        for edge in sorted {
            if let last = result.last, last.a == edge.a, last.b == edge.b { continue }
            result.append(edge)
        }
        return result
    }
}
