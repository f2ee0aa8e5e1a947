/// Times the matcher on the pool sizes the product promises; `convener bench` can print the report.
///
/// Not a test: the numbers depend on the machine. Goals (release build): dense complete graph with
/// 1,000 nodes in at most 5 s; 10,000 nodes pruned to each node's top 20 candidates in at most 60 s.
public enum MatchingBenchmark {
    /// Runs the dense and sparse cases with seeded random weights and returns a readable report.
    public static func run<C: Clock>(
        denseNodes: Int = 1_000, sparseNodes: Int = 10_000, sparseCandidates: Int = 100, topK: Int = 20,
        seed: UInt64 = 2_026, clock: C
    ) -> String where C.Duration == Duration {
        var random = MatchingSplitMix64(seed: seed)
        var lines: [String] = []

        var dense: [Matching.Edge] = []
        dense.reserveCapacity(denseNodes * (denseNodes - 1) / 2)
        for a in 0..<denseNodes {
            for b in (a + 1)..<max(a + 1, denseNodes) {
                dense.append(Matching.Edge(a, b, weight: Int64(random.next() % 1_000_000)))
            }
        }
        for maxCardinality in [true, false] {
            var result = Matching.Result(pairs: [], totalWeight: 0)
            let elapsed = clock.measure {
                result = Matching.maximumWeightMatching(
                    nodeCount: denseNodes, edges: dense, maxCardinality: maxCardinality)
            }
            lines.append(
                "dense n=\(denseNodes) m=\(dense.count) maxCardinality=\(maxCardinality): "
                    + "\(format(elapsed)), pairs=\(result.pairs.count), total=\(result.totalWeight)"
            )
        }

        // An odd dense pool runs both trio placements (plain and guided).
        let oddDense = max(0, denseNodes - 1)
        let oddDenseEdges = dense.filter { $0.b < oddDense }
        var denseGroups = Matching.Groups(pairs: [], trio: nil, isolated: [], unplaced: [], totalWeight: 0)
        let denseGroupsTime = clock.measure {
            denseGroups = Matching.groups(nodeCount: oddDense, edges: oddDenseEdges)
        }
        lines.append(
            "groups dense n=\(oddDense): \(format(denseGroupsTime)), pairs=\(denseGroups.pairs.count), "
                + "trio=\(denseGroups.trio.map { "\($0.members)" } ?? "none"), total=\(denseGroups.totalWeight)"
        )

        let smallPool = min(99, oddDense)
        let smallEdges = dense.filter { $0.b < smallPool }
        var smallGroups = denseGroups
        let smallGroupsTime = clock.measure {
            smallGroups = Matching.groups(nodeCount: smallPool, edges: smallEdges)
        }
        lines.append(
            "groups dense n=\(smallPool) (every odd one out tried): \(format(smallGroupsTime)), "
                + "trio=\(smallGroups.trio.map { "\($0.members)" } ?? "none"), total=\(smallGroups.totalWeight)"
        )

        let mentors = max(1, denseNodes / 10)
        let mentees = max(1, denseNodes / 2)
        let capacities = (0..<mentors).map { _ in Int(random.next() % 3) + 1 }
        let weights: [[Int64?]] = (0..<mentors).map { _ in
            (0..<mentees).map { _ in random.next() % 10 < 3 ? nil : Int64(random.next() % 1_000) }
        }
        var assignment = Matching.Assignment(pairs: [], unassignedMentees: [], totalWeight: 0)
        let assignmentTime = clock.measure {
            assignment = Matching.assignment(
                mentorCapacities: capacities, menteeCount: mentees, weights: weights, maxCardinality: true)
        }
        lines.append(
            "assignment \(mentors) mentors (\(capacities.reduce(0, +)) slots) x \(mentees) mentees: "
                + "\(format(assignmentTime)), assigned=\(assignment.pairs.count), total=\(assignment.totalWeight)"
        )

        var sparse: [Matching.Edge] = []
        sparse.reserveCapacity(sparseNodes * sparseCandidates)
        for a in 0..<sparseNodes where sparseNodes > 2 {
            for _ in 0..<sparseCandidates {
                let b = Int(random.next() % UInt64(sparseNodes))
                if b != a { sparse.append(Matching.Edge(a, b, weight: Int64(random.next() % 1_000_000))) }
            }
        }
        var pruned: [Matching.Edge] = []
        let pruneTime = clock.measure {
            pruned = Matching.pruneToTopK(nodeCount: sparseNodes, edges: sparse, k: topK)
        }
        var sparseResult = Matching.Result(pairs: [], totalWeight: 0)
        let sparseTime = clock.measure {
            sparseResult = Matching.maximumWeightMatching(nodeCount: sparseNodes, edges: pruned, maxCardinality: true)
        }
        lines.append(
            "sparse n=\(sparseNodes) candidates=\(sparse.count) top\(topK)=\(pruned.count) edges: "
                + "prune \(format(pruneTime)), match \(format(sparseTime)), "
                + "pairs=\(sparseResult.pairs.count), total=\(sparseResult.totalWeight)"
        )
        // Drop the last member so the count is odd and the trio placement runs.
        let oddCount = sparseNodes - 1
        let oddEdges = pruned.filter { $0.b < oddCount }
        var table: [Int: Int64] = [:]
        for edge in sparse { table[min(edge.a, edge.b) * sparseNodes + max(edge.a, edge.b)] = edge.weight }
        let frozen = table
        let allWeights: @Sendable (Int, Int) -> Int64? = { frozen[min($0, $1) * sparseNodes + max($0, $1)] }
        var groups = Matching.Groups(pairs: [], trio: nil, isolated: [], unplaced: [], totalWeight: 0)
        let groupsTime = clock.measure {
            groups = Matching.groups(nodeCount: oddCount, edges: oddEdges, trioWeight: allWeights)
        }
        lines.append(
            "groups n=\(oddCount): \(format(groupsTime)), pairs=\(groups.pairs.count), "
                + "trio=\(groups.trio.map { "\($0.members)" } ?? "none"), unplaced=\(groups.unplaced.count), "
                + "total=\(groups.totalWeight)"
        )
        return lines.joined(separator: "\n")
    }

    private static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let millis = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        return "\(millis) ms"
    }
}
