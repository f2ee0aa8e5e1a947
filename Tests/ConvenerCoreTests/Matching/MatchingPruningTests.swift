import ConvenerCore
import Testing

/// Candidate pruning keeps each node's best edges.
struct MatchingPruningTests {
    @Test("Every node keeps its k heaviest edges, and nothing else survives", arguments: [1, 3, 5])
    func keepsTopK(k: Int) {
        var random = MatchingTestRandom(seed: UInt64(k))
        let nodeCount = 30
        let edges = MatchingTestGraphs.random(nodeCount: nodeCount, density: 0.6, maxWeight: 1_000_000, using: &random)
        let pruned = Matching.pruneToTopK(nodeCount: nodeCount, edges: edges, k: k)
        let kept = Set(pruned.map { [$0.a, $0.b] })
        var wanted = Set<[Int]>()
        for node in 0..<nodeCount {
            let incident = edges.filter { $0.a == node || $0.b == node }.sorted { $0.weight > $1.weight }
            for edge in incident.prefix(k) { wanted.insert([min(edge.a, edge.b), max(edge.a, edge.b)]) }
        }
        #expect(kept == wanted)
        #expect(pruned.count <= k * nodeCount)
        #expect(pruned.allSatisfy { $0.a < $0.b })
    }

    @Test("Ties break towards the smaller neighbour; parallel edges collapse to the heaviest")
    func tiesAndParallel() {
        let edges = [
            Matching.Edge(0, 3, weight: 5), Matching.Edge(0, 2, weight: 5), Matching.Edge(0, 1, weight: 5),
            Matching.Edge(1, 0, weight: 1),
        ]
        let pruned = Matching.pruneToTopK(nodeCount: 4, edges: edges, k: 1)
        // Node 0 keeps 0-1 (tie, smaller neighbour); nodes 2 and 3 keep their only edges.
        #expect(
            pruned == [Matching.Edge(0, 1, weight: 5), Matching.Edge(0, 2, weight: 5), Matching.Edge(0, 3, weight: 5)])
    }

    @Test("k = 0 keeps nothing; a large k keeps everything")
    func extremes() {
        let edges = [Matching.Edge(0, 1, weight: 1), Matching.Edge(1, 2, weight: 2)]
        #expect(Matching.pruneToTopK(nodeCount: 3, edges: edges, k: 0).isEmpty)
        #expect(Matching.pruneToTopK(nodeCount: 3, edges: edges, k: 10) == edges)
    }

    @Test("Matching on the pruned graph is valid and close to the full optimum")
    func matchingAfterPruning() {
        var random = MatchingTestRandom(seed: 77)
        let edges = MatchingTestGraphs.random(nodeCount: 60, density: 1.0, maxWeight: 1_000, using: &random)
        let full = Matching.maximumWeightMatching(nodeCount: 60, edges: edges, maxCardinality: true)
        let pruned = Matching.pruneToTopK(nodeCount: 60, edges: edges, k: 8)
        let sparse = Matching.maximumWeightMatching(nodeCount: 60, edges: pruned, maxCardinality: true)
        #expect(MatchingTestGraphs.problems(with: sparse, nodeCount: 60, edges: edges).isEmpty)
        #expect(sparse.totalWeight <= full.totalWeight)
        #expect(sparse.totalWeight * 100 >= full.totalWeight * 95)
    }
}
