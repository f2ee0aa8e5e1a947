import ConvenerCore
import Foundation

/// A seeded generator (SplitMix64) so every random test case can be replayed from its seed.
struct MatchingTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random graphs and independent checks shared by the matching tests.
enum MatchingTestGraphs {
    /// A random simple graph: each pair is an edge with probability `density`, small weights (many ties).
    static func random(
        nodeCount: Int, density: Double, maxWeight: Int64, allowNegative: Bool = false,
        using random: inout MatchingTestRandom
    ) -> [Matching.Edge] {
        var edges: [Matching.Edge] = []
        guard nodeCount > 1 else { return edges }
        for a in 0..<nodeCount {
            for b in (a + 1)..<nodeCount where Double.random(in: 0..<1, using: &random) < density {
                let low: Int64 = allowNegative ? -maxWeight / 2 : 0
                edges.append(Matching.Edge(a, b, weight: Int64.random(in: low...maxWeight, using: &random)))
            }
        }
        edges.shuffle(using: &random)
        return edges
    }

    /// Checks that `pairs` is a matching made only of given edges with their weights; returns problems.
    static func problems(with result: Matching.Result, nodeCount: Int, edges: [Matching.Edge]) -> [String] {
        var weights: [Int: Int64] = [:]
        for edge in edges where edge.a != edge.b {
            let key = min(edge.a, edge.b) * nodeCount + max(edge.a, edge.b)
            weights[key] = max(weights[key] ?? edge.weight, edge.weight)
        }
        var seen = Set<Int>()
        var problems: [String] = []
        var total: Int64 = 0
        for pair in result.pairs {
            if !seen.insert(pair.low).inserted || !seen.insert(pair.high).inserted {
                problems.append("node reused in pair \(pair.low)-\(pair.high)")
            }
            guard let w = weights[pair.low * nodeCount + pair.high] else {
                problems.append("pair \(pair.low)-\(pair.high) is not an edge")
                continue
            }
            if w != pair.weight { problems.append("pair \(pair.low)-\(pair.high) weight \(pair.weight) != \(w)") }
            total += w
        }
        if total != result.totalWeight { problems.append("totalWeight \(result.totalWeight) != sum \(total)") }
        return problems
    }

    /// Exact optimum by dynamic programming over subsets (n <= 16): (cardinality, weight), where
    /// max-cardinality compares cardinality first.
    static func bruteForce(nodeCount n: Int, edges: [Matching.Edge], maxCardinality: Bool) -> (Int, Int64) {
        var w = [[Int64?]](repeating: [Int64?](repeating: nil, count: n), count: n)
        for edge in edges where edge.a != edge.b {
            let current = w[edge.a][edge.b] ?? edge.weight
            w[edge.a][edge.b] = max(current, edge.weight)
            w[edge.b][edge.a] = max(current, edge.weight)
        }
        let full = (1 << n) - 1
        var best = [(Int, Int64)](repeating: (0, 0), count: 1 << n)
        func better(_ x: (Int, Int64), _ y: (Int, Int64)) -> Bool {
            maxCardinality ? (x.0, x.1) > (y.0, y.1) : x.1 > y.1
        }
        // best[mask] = optimum on the nodes in `mask`.
        for mask in 1...max(1, full) where n > 0 {
            let i = mask.trailingZeroBitCount
            let rest = mask & ~(1 << i)
            var candidate = best[rest]
            var others = rest
            while others != 0 {
                let j = others.trailingZeroBitCount
                others &= others - 1
                if let weight = w[i][j] {
                    let sub = best[rest & ~(1 << j)]
                    let option = (sub.0 + 1, sub.1 + weight)
                    if better(option, candidate) { candidate = option }
                }
            }
            best[mask] = candidate
        }
        return n == 0 ? (0, 0) : best[full]
    }
}
