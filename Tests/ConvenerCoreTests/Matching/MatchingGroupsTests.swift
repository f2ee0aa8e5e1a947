import ConvenerCore
import Testing

/// Pairs plus one trio: everyone placed, the trio where it adds the most.
struct MatchingGroupsTests {
    /// Every node appears exactly once across pairs, trio, isolated and unplaced; weights add up.
    private func checkPartition(_ groups: Matching.Groups, nodeCount: Int, weight: (Int, Int) -> Int64?) {
        var members = groups.pairs.flatMap { [$0.low, $0.high] } + groups.isolated + groups.unplaced
        if let trio = groups.trio { members += trio.members }
        #expect(members.sorted() == Array(0..<nodeCount))
        var total: Int64 = 0
        for pair in groups.pairs {
            #expect(weight(pair.low, pair.high) == pair.weight)
            total += pair.weight
        }
        if let trio = groups.trio {
            #expect(weight(trio.host.low, trio.host.high) == trio.host.weight)
            #expect(weight(trio.joiner, trio.host.low) == trio.joinerToLow)
            #expect(weight(trio.joiner, trio.host.high) == trio.joinerToHigh)
            total += trio.weight
        }
        #expect(total == groups.totalWeight)
    }

    private func lookup(_ edges: [Matching.Edge]) -> @Sendable (Int, Int) -> Int64? {
        var table: [[Int]: Int64] = [:]
        for edge in edges {
            table[[edge.a, edge.b]] = edge.weight
            table[[edge.b, edge.a]] = edge.weight
        }
        let frozen = table
        return { frozen[[$0, $1]] }
    }

    @Test("An odd complete graph gives pairs and exactly one trio, with everyone placed", arguments: [3, 5, 7, 21, 61])
    func oddComplete(nodeCount: Int) {
        var random = MatchingTestRandom(seed: UInt64(nodeCount))
        let edges = MatchingTestGraphs.random(nodeCount: nodeCount, density: 1.0, maxWeight: 50, using: &random)
        let groups = Matching.groups(nodeCount: nodeCount, edges: edges)
        #expect(groups.trio != nil)
        #expect(groups.pairs.count == (nodeCount - 3) / 2)
        #expect(groups.isolated.isEmpty && groups.unplaced.isEmpty)
        checkPartition(groups, nodeCount: nodeCount, weight: lookup(edges))
    }

    @Test("An even graph with a perfect matching has no trio")
    func evenPerfect() {
        let edges = [Matching.Edge(0, 1, weight: 3), Matching.Edge(2, 3, weight: 4), Matching.Edge(1, 2, weight: 10)]
        let groups = Matching.groups(nodeCount: 4, edges: edges)
        #expect(groups.trio == nil)
        #expect(groups.pairs == [Matching.Pair(0, 1, weight: 3), Matching.Pair(2, 3, weight: 4)])
        #expect(groups.totalWeight == 7)
    }

    @Test("The leftover joins the pair where its two edges add the most")
    func trioPlacement() {
        // Pairs 0-1 and 2-3 are fixed by heavy edges; node 4 likes 2 and 3 more than 0 and 1.
        let edges = [
            Matching.Edge(0, 1, weight: 100), Matching.Edge(2, 3, weight: 100),
            Matching.Edge(4, 0, weight: 5), Matching.Edge(4, 1, weight: 5),
            Matching.Edge(4, 2, weight: 6), Matching.Edge(4, 3, weight: 7),
        ]
        let groups = Matching.groups(nodeCount: 5, edges: edges)
        #expect(groups.trio?.members == [2, 3, 4])
        #expect(groups.trio?.joiner == 4)
        #expect(groups.pairs == [Matching.Pair(0, 1, weight: 100)])
        #expect(groups.totalWeight == 100 + 100 + 6 + 7)
    }

    @Test("The guided run picks a better odd one out than plain matching would")
    func guidedOddOneOut() {
        // The heaviest max-cardinality matching is 0-3 and 1-2, leaving node 4, whose only
        // neighbour is taken and which has no triangle. Leaving out node 0 instead places everyone.
        let edges = [
            Matching.Edge(0, 1, weight: 1), Matching.Edge(0, 2, weight: 1), Matching.Edge(1, 2, weight: 1),
            Matching.Edge(0, 3, weight: 100), Matching.Edge(3, 4, weight: 1),
        ]
        let groups = Matching.groups(nodeCount: 5, edges: edges)
        #expect(groups.unplaced.isEmpty)
        #expect(groups.trio?.members == [0, 1, 2])
        #expect(groups.pairs == [Matching.Pair(3, 4, weight: 1)])
        #expect(groups.totalWeight == 4)
        checkPartition(groups, nodeCount: 5, weight: lookup(edges))
    }

    @Test("Nodes without edges are reported as isolated; a star's extra leaves as unplaced")
    func isolatedAndUnplaced() {
        let edges = [Matching.Edge(0, 1, weight: 2), Matching.Edge(0, 2, weight: 3), Matching.Edge(0, 3, weight: 4)]
        let groups = Matching.groups(nodeCount: 6, edges: edges)
        #expect(groups.isolated == [4, 5])
        #expect(groups.pairs == [Matching.Pair(0, 3, weight: 4)])
        #expect(groups.trio == nil)
        #expect(groups.unplaced == [1, 2])
    }

    @Test("With trioWeight, a trio can use pairs that were pruned from the candidate edges")
    func trioWeightForPrunedGraphs() {
        let all = [
            Matching.Edge(0, 1, weight: 9), Matching.Edge(0, 2, weight: 2), Matching.Edge(1, 2, weight: 3),
        ]
        let candidates = [all[0], all[2]]  // 0-2 was pruned, not forbidden.
        let strict = Matching.groups(nodeCount: 3, edges: candidates)
        #expect(strict.trio == nil && strict.unplaced.count == 1)
        let relaxed = Matching.groups(nodeCount: 3, edges: candidates, trioWeight: lookup(all))
        #expect(relaxed.trio?.members == [0, 1, 2])
        #expect(relaxed.totalWeight == 14)
    }

    @Test("Random odd pools: a valid partition, no worse than pairs alone", arguments: [31, 32])
    func randomOdd(seed: UInt64) {
        var random = MatchingTestRandom(seed: seed)
        for _ in 0..<100 {
            let nodeCount = 2 * Int.random(in: 1...20, using: &random) + 1
            let edges = MatchingTestGraphs.random(
                nodeCount: nodeCount, density: [0.3, 0.7, 1.0].randomElement(using: &random) ?? 1.0,
                maxWeight: 9, using: &random)
            let groups = Matching.groups(nodeCount: nodeCount, edges: edges)
            checkPartition(groups, nodeCount: nodeCount, weight: lookup(edges))
            let pairsOnly = Matching.maximumWeightMatching(nodeCount: nodeCount, edges: edges, maxCardinality: true)
            let placed = nodeCount - groups.isolated.count - groups.unplaced.count
            #expect(placed >= 2 * pairsOnly.pairs.count)
        }
    }

    /// The best total over all partitions into pairs and at most one trio (all used edges must exist).
    private func bestGrouping(nodeCount: Int, weight: (Int, Int) -> Int64?) -> Int64? {
        func search(_ free: [Int], trioUsed: Bool) -> Int64? {
            guard let first = free.first else { return 0 }
            let rest = Array(free.dropFirst())
            var best: Int64?
            for (i, second) in rest.enumerated() {
                guard let w12 = weight(first, second) else { continue }
                var remaining = rest
                remaining.remove(at: i)
                if let sub = search(remaining, trioUsed: trioUsed) { best = max(best ?? sub + w12, sub + w12) }
                guard !trioUsed else { continue }
                for (j, third) in remaining.enumerated() {
                    guard second < third, let w13 = weight(first, third), let w23 = weight(second, third) else {
                        continue
                    }
                    var left = remaining
                    left.remove(at: j)
                    if let sub = search(left, trioUsed: true) {
                        let total = sub + w12 + w13 + w23
                        best = max(best ?? total, total)
                    }
                }
            }
            return best
        }
        return search(Array(0..<nodeCount), trioUsed: false)
    }

    @Test("Small odd pools: almost always the best grouping, never more than two edges below it", arguments: [41, 42])
    func nearOptimalTrio(seed: UInt64) {
        var random = MatchingTestRandom(seed: seed)
        var optimal = 0
        for index in 0..<60 {
            let nodeCount = [5, 7, 9].randomElement(using: &random) ?? 5
            let edges = MatchingTestGraphs.random(nodeCount: nodeCount, density: 1.0, maxWeight: 9, using: &random)
            let weight = lookup(edges)
            let groups = Matching.groups(nodeCount: nodeCount, edges: edges)
            guard let best = bestGrouping(nodeCount: nodeCount, weight: weight) else {
                Issue.record("a complete graph always has a grouping")
                return
            }
            #expect(groups.unplaced.isEmpty && groups.trio != nil)
            #expect(groups.totalWeight <= best, "seed \(seed) case \(index)")
            #expect(groups.totalWeight >= best - 2 * 9, "seed \(seed) case \(index)")
            if groups.totalWeight == best { optimal += 1 }
        }
        // Trying every odd one out finds the best grouping almost always on pools this small.
        #expect(optimal >= 54, "only \(optimal) of 60 groupings were optimal")
    }

    @Test("The largest allowed weights neither overflow nor trap")
    func largestWeights() {
        let top = Matching.maximumAbsoluteWeight
        let edges = (0..<5).flatMap { a in (a + 1..<5).map { Matching.Edge(a, $0, weight: top - Int64($0)) } }
        let groups = Matching.groups(nodeCount: 5, edges: edges)
        #expect(groups.trio != nil && groups.unplaced.isEmpty)
        checkPartition(groups, nodeCount: 5, weight: lookup(edges))
        let exact = MatchingTestGraphs.bruteForce(nodeCount: 5, edges: edges, maxCardinality: true)
        let matching = Matching.maximumWeightMatching(nodeCount: 5, edges: edges, maxCardinality: true)
        #expect(matching.totalWeight == exact.1)
    }
}
