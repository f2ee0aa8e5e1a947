import ConvenerCore
import Foundation
import Testing

/// Property tests against networkx (`max_weight_matching`) and scipy (`linear_sum_assignment`).
@Suite(.enabled(if: MatchingOracleClient.isAvailable, "needs CONVENER_PYTHON with networkx and scipy"))
struct MatchingOracleTests {
    private struct GraphCase {
        var nodeCount: Int
        var edges: [Matching.Edge]
    }

    private static func graphs(seed: UInt64, count: Int) -> [GraphCase] {
        var random = MatchingTestRandom(seed: seed)
        let densities = [0.03, 0.08, 0.15, 0.3, 0.5, 0.8, 1.0]
        let weightRanges: [Int64] = [1, 2, 5, 20, 1_000, 1_000_000]
        return (0..<count).map { _ in
            let nodeCount = Int.random(in: 0...60, using: &random)
            let density = densities.randomElement(using: &random) ?? 0.5
            let maxWeight = weightRanges.randomElement(using: &random) ?? 10
            let negative = Int.random(in: 0..<5, using: &random) == 0
            let edges = MatchingTestGraphs.random(
                nodeCount: nodeCount, density: density, maxWeight: maxWeight, allowNegative: negative,
                using: &random)
            return GraphCase(nodeCount: nodeCount, edges: edges)
        }
    }

    /// 4 batches x 500 graphs x both modes = 4,000 comparisons with networkx.
    @Test("Same total weight (and cardinality) as networkx.max_weight_matching", arguments: [11, 12, 13, 14])
    func matchesNetworkx(seed: UInt64) throws {
        let cases = Self.graphs(seed: seed, count: 500)
        var requests: [MatchingOracleClient.Case] = []
        for graph in cases {
            for maxCardinality in [false, true] {
                requests.append(
                    MatchingOracleClient.Case(
                        kind: "matching", n: graph.nodeCount,
                        edges: graph.edges.map { [Int64($0.a), Int64($0.b), $0.weight] },
                        maxcardinality: maxCardinality))
            }
        }
        let answers = try MatchingOracleClient.answers(for: requests)
        try #require(answers.count == requests.count)
        for (index, graph) in cases.enumerated() {
            for (offset, maxCardinality) in [false, true].enumerated() {
                let expected = answers[2 * index + offset]
                let result = Matching.maximumWeightMatching(
                    nodeCount: graph.nodeCount, edges: graph.edges, maxCardinality: maxCardinality)
                let problems = MatchingTestGraphs.problems(with: result, nodeCount: graph.nodeCount, edges: graph.edges)
                #expect(problems.isEmpty, "seed \(seed) case \(index): \(problems)")
                #expect(
                    result.totalWeight == expected.total,
                    "seed \(seed) case \(index) n=\(graph.nodeCount) maxCardinality=\(maxCardinality)")
                if maxCardinality {
                    #expect(result.pairs.count == expected.cardinality, "seed \(seed) case \(index)")
                }
            }
        }
    }

    /// 400 random mentor/mentee instances x both modes against scipy on expanded capacity slots.
    @Test("Same total weight as scipy.optimize.linear_sum_assignment for mentor capacities")
    func matchesScipy() throws {
        var random = MatchingTestRandom(seed: 99)
        var instances: [(capacities: [Int], mentees: Int, weights: [[Int64?]])] = []
        for _ in 0..<400 {
            let mentors = Int.random(in: 0...8, using: &random)
            let mentees = Int.random(in: 0...24, using: &random)
            let missing = [0.0, 0.3, 0.7].randomElement(using: &random) ?? 0.3
            let low: Int64 = Bool.random(using: &random) ? -30 : 0
            let capacities = (0..<mentors).map { _ in Int.random(in: 0...4, using: &random) }
            let weights: [[Int64?]] = (0..<mentors).map { _ in
                (0..<mentees).map { _ in
                    Double.random(in: 0..<1, using: &random) < missing
                        ? nil : Int64.random(in: low...100, using: &random)
                }
            }
            instances.append((capacities, mentees, weights))
        }
        var requests: [MatchingOracleClient.Case] = []
        for instance in instances {
            for maxCardinality in [false, true] {
                requests.append(
                    MatchingOracleClient.Case(
                        kind: "assignment", capacities: instance.capacities, mentees: instance.mentees,
                        weights: instance.weights, maxcardinality: maxCardinality))
            }
        }
        let answers = try MatchingOracleClient.answers(for: requests)
        try #require(answers.count == requests.count)
        for (index, instance) in instances.enumerated() {
            for (offset, maxCardinality) in [false, true].enumerated() {
                let expected = answers[2 * index + offset]
                let result = Matching.assignment(
                    mentorCapacities: instance.capacities, menteeCount: instance.mentees, weights: instance.weights,
                    maxCardinality: maxCardinality)
                #expect(result.totalWeight == expected.total, "instance \(index) maxCardinality=\(maxCardinality)")
                if maxCardinality {
                    #expect(result.pairs.count == expected.cardinality, "instance \(index)")
                }
                #expect(MatchingAssignmentTests.problems(with: result, instance.capacities, instance.weights).isEmpty)
            }
        }
    }
}
