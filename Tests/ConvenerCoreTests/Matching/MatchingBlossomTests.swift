import ConvenerCore
import Testing

/// Hand-made graphs that exercise blossoms, plus an exhaustive cross-check on small random graphs.
struct MatchingBlossomTests {
    /// A named graph (1-based node numbers, as in the classic test set) and its unique optimum.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let edges: [(Int, Int, Int64)]
        let expected: [(Int, Int)]
        var testDescription: String { name }
    }

    static let blossomCases: [Case] = [
        Case(name: "S-blossom", edges: [(1, 2, 8), (1, 3, 9), (2, 3, 10), (3, 4, 7)], expected: [(1, 2), (3, 4)]),
        Case(
            name: "S-blossom, then augment through it",
            edges: [(1, 2, 8), (1, 3, 9), (2, 3, 10), (3, 4, 7), (1, 6, 5), (4, 5, 6)],
            expected: [(1, 6), (2, 3), (4, 5)]),
        Case(
            name: "T-blossom",
            edges: [(1, 2, 9), (1, 3, 8), (2, 3, 10), (1, 4, 5), (4, 5, 4), (1, 6, 3)],
            expected: [(1, 6), (2, 3), (4, 5)]),
        Case(
            name: "nested S-blossom",
            edges: [(1, 2, 9), (1, 3, 9), (2, 3, 10), (2, 4, 8), (3, 5, 8), (4, 5, 10), (5, 6, 6)],
            expected: [(1, 3), (2, 4), (5, 6)]),
        Case(
            name: "relabel nested S-blossom",
            edges: [
                (1, 2, 10), (1, 7, 10), (2, 3, 12), (3, 4, 20), (3, 5, 20), (4, 5, 25), (5, 6, 10), (6, 7, 10),
                (7, 8, 8),
            ],
            expected: [(1, 2), (3, 4), (5, 6), (7, 8)]),
        Case(
            name: "expand nested S-blossom",
            edges: [
                (1, 2, 8), (1, 3, 8), (2, 3, 10), (2, 4, 12), (3, 5, 12), (4, 5, 14), (4, 6, 12), (5, 7, 12),
                (6, 7, 14), (7, 8, 12),
            ],
            expected: [(1, 2), (3, 5), (4, 6), (7, 8)]),
        Case(
            name: "S-blossom relabelled as T and expanded",
            edges: [(1, 2, 23), (1, 5, 22), (1, 6, 15), (2, 3, 25), (3, 4, 22), (4, 5, 25), (4, 8, 14), (5, 7, 13)],
            expected: [(1, 6), (2, 3), (4, 8), (5, 7)]),
        Case(
            name: "nested S-blossom relabelled as T and expanded",
            edges: [
                (1, 2, 19), (1, 3, 20), (1, 8, 8), (2, 3, 25), (2, 4, 18), (3, 5, 18), (4, 5, 13), (4, 7, 7),
                (5, 6, 7),
            ],
            expected: [(1, 8), (2, 3), (4, 7), (5, 6)]),
        Case(
            name: "nasty T-blossom expansion",
            edges: [
                (1, 2, 45), (1, 5, 45), (2, 3, 50), (3, 4, 45), (4, 5, 50), (1, 6, 30), (3, 9, 35), (4, 8, 35),
                (5, 7, 26), (9, 10, 5),
            ],
            expected: [(1, 6), (2, 3), (4, 8), (5, 7), (9, 10)]),
        Case(
            name: "nasty T-blossom expansion, other side",
            edges: [
                (1, 2, 45), (1, 5, 45), (2, 3, 50), (3, 4, 45), (4, 5, 50), (1, 6, 30), (3, 9, 35), (4, 8, 26),
                (5, 7, 40), (9, 10, 5),
            ],
            expected: [(1, 6), (2, 3), (4, 8), (5, 7), (9, 10)]),
        Case(
            name: "T-blossom expansion keeps least-slack edges",
            edges: [
                (1, 2, 45), (1, 5, 45), (2, 3, 50), (3, 4, 45), (4, 5, 50), (1, 6, 30), (3, 9, 35), (4, 8, 28),
                (5, 7, 26), (9, 10, 5),
            ],
            expected: [(1, 6), (2, 3), (4, 8), (5, 7), (9, 10)]),
        Case(
            name: "nested T-blossom nasty expansion",
            edges: [
                (1, 2, 45), (1, 7, 45), (2, 3, 50), (3, 4, 45), (4, 5, 95), (4, 6, 94), (5, 6, 94), (6, 7, 50),
                (1, 8, 30), (3, 11, 35), (5, 9, 36), (7, 10, 26), (11, 12, 5),
            ],
            expected: [(1, 8), (2, 3), (4, 6), (5, 9), (7, 10), (11, 12)]),
        Case(
            name: "nested blossom relabelled while expanding",
            edges: [
                (1, 2, 40), (1, 3, 40), (2, 3, 60), (2, 4, 55), (3, 5, 55), (4, 5, 50), (1, 8, 15), (5, 7, 30),
                (7, 6, 10), (8, 10, 10), (4, 9, 30),
            ],
            expected: [(1, 2), (3, 5), (4, 9), (6, 7), (8, 10)]),
    ]

    @Test("Blossom-heavy graphs reach their unique optimum", arguments: blossomCases)
    func blossomCase(_ testCase: Case) {
        let edges = testCase.edges.map { Matching.Edge($0.0, $0.1, weight: $0.2) }
        let nodeCount = (testCase.edges.map { max($0.0, $0.1) }.max() ?? 0) + 1
        let result = Matching.maximumWeightMatching(nodeCount: nodeCount, edges: edges, maxCardinality: false)
        #expect(result.pairs.map { [$0.low, $0.high] } == testCase.expected.map { [$0.0, $0.1] })
        #expect(MatchingTestGraphs.problems(with: result, nodeCount: nodeCount, edges: edges).isEmpty)
    }

    @Test("Empty graph and graph without nodes give no pairs")
    func empty() {
        #expect(Matching.maximumWeightMatching(nodeCount: 0, edges: [], maxCardinality: true).pairs.isEmpty)
        let lonely = Matching.maximumWeightMatching(nodeCount: 5, edges: [], maxCardinality: false)
        #expect(lonely.pairs.isEmpty && lonely.totalWeight == 0)
    }

    @Test("A single edge is matched")
    func singleEdge() {
        let result = Matching.maximumWeightMatching(
            nodeCount: 2, edges: [Matching.Edge(1, 0, weight: 7)], maxCardinality: false)
        #expect(result.pairs == [Matching.Pair(0, 1, weight: 7)])
        #expect(result.totalWeight == 7)
    }

    @Test("Max weight takes the heavy middle edge; max cardinality pairs everyone")
    func weightVersusCardinality() {
        let edges = [Matching.Edge(0, 1, weight: 5), Matching.Edge(1, 2, weight: 11), Matching.Edge(2, 3, weight: 5)]
        let plain = Matching.maximumWeightMatching(nodeCount: 4, edges: edges, maxCardinality: false)
        let full = Matching.maximumWeightMatching(nodeCount: 4, edges: edges, maxCardinality: true)
        #expect(plain.pairs == [Matching.Pair(1, 2, weight: 11)])
        #expect(full.pairs == [Matching.Pair(0, 1, weight: 5), Matching.Pair(2, 3, weight: 5)])
    }

    @Test("Negative weights: never taken for weight alone, taken when cardinality comes first")
    func negativeWeights() {
        let edges = [(1, 2, 2), (1, 3, -2), (2, 3, 1), (2, 4, -1), (3, 4, -6)].map {
            Matching.Edge($0.0, $0.1, weight: Int64($0.2))
        }
        let plain = Matching.maximumWeightMatching(nodeCount: 5, edges: edges, maxCardinality: false)
        let full = Matching.maximumWeightMatching(nodeCount: 5, edges: edges, maxCardinality: true)
        #expect(plain.pairs == [Matching.Pair(1, 2, weight: 2)])
        #expect(full.pairs == [Matching.Pair(1, 3, weight: -2), Matching.Pair(2, 4, weight: -1)])
    }

    @Test("Parallel edges count once at their heaviest; self-loops are ignored")
    func parallelEdgesAndLoops() {
        let edges = [Matching.Edge(0, 1, weight: 1), Matching.Edge(1, 0, weight: 9), Matching.Edge(2, 2, weight: 50)]
        let result = Matching.maximumWeightMatching(nodeCount: 3, edges: edges, maxCardinality: true)
        #expect(result.pairs == [Matching.Pair(0, 1, weight: 9)])
    }

    @Test("Odd cycles: a 5-cycle and a 7-cycle leave exactly one node out")
    func oddCycles() {
        for length in [3, 5, 7, 9] {
            let edges = (0..<length).map { Matching.Edge($0, ($0 + 1) % length, weight: Int64(10 + $0)) }
            let result = Matching.maximumWeightMatching(nodeCount: length, edges: edges, maxCardinality: true)
            #expect(result.pairs.count == length / 2)
            let exact = MatchingTestGraphs.bruteForce(nodeCount: length, edges: edges, maxCardinality: true)
            #expect(result.totalWeight == exact.1)
        }
    }

    @Test("Equals exhaustive search on small random graphs", arguments: [21, 22, 23, 24])
    func exhaustive(seed: UInt64) {
        var random = MatchingTestRandom(seed: seed)
        for index in 0..<300 {
            let nodeCount = Int.random(in: 0...12, using: &random)
            let density = [0.2, 0.5, 0.9].randomElement(using: &random) ?? 0.5
            let edges = MatchingTestGraphs.random(
                nodeCount: nodeCount, density: density, maxWeight: [2, 10, 100].randomElement(using: &random) ?? 10,
                allowNegative: Bool.random(using: &random), using: &random)
            for maxCardinality in [false, true] {
                let result = Matching.maximumWeightMatching(
                    nodeCount: nodeCount, edges: edges, maxCardinality: maxCardinality)
                let exact = MatchingTestGraphs.bruteForce(
                    nodeCount: nodeCount, edges: edges, maxCardinality: maxCardinality)
                #expect(result.totalWeight == exact.1, "seed \(seed) case \(index) maxCardinality=\(maxCardinality)")
                if maxCardinality { #expect(result.pairs.count == exact.0, "seed \(seed) case \(index)") }
                #expect(MatchingTestGraphs.problems(with: result, nodeCount: nodeCount, edges: edges).isEmpty)
            }
        }
    }

    @Test("The same input always gives the same pairs")
    func deterministic() {
        var random = MatchingTestRandom(seed: 5)
        let edges = MatchingTestGraphs.random(nodeCount: 40, density: 0.3, maxWeight: 3, using: &random)
        let first = Matching.maximumWeightMatching(nodeCount: 40, edges: edges, maxCardinality: true)
        let second = Matching.maximumWeightMatching(nodeCount: 40, edges: edges, maxCardinality: true)
        #expect(first == second)
    }
}
