import ConvenerCore
import Testing

/// Mentor capacity assignment: hand cases and a cross-check with the blossom matcher.
struct MatchingAssignmentTests {
    /// Capacity, forbidden pairs and one-mentor-per-mentee violations in `result`.
    static func problems(with result: Matching.Assignment, _ capacities: [Int], _ weights: [[Int64?]]) -> [String] {
        var problems: [String] = []
        var load = [Int](repeating: 0, count: capacities.count)
        var seen = Set<Int>()
        for pair in result.pairs {
            load[pair.mentor] += 1
            if !seen.insert(pair.mentee).inserted { problems.append("mentee \(pair.mentee) assigned twice") }
            if weights[pair.mentor][pair.mentee] != pair.weight {
                problems.append("pair \(pair.mentor)-\(pair.mentee) is forbidden or has the wrong weight")
            }
        }
        for (mentor, capacity) in capacities.enumerated() where load[mentor] > capacity {
            problems.append("mentor \(mentor) has \(load[mentor]) mentees, capacity \(capacity)")
        }
        let menteeCount = weights.first?.count ?? 0
        let unassigned = (0..<menteeCount).filter { !seen.contains($0) }
        if menteeCount > 0 && unassigned != result.unassignedMentees { problems.append("unassigned list is wrong") }
        if result.pairs.reduce(0, { $0 + $1.weight }) != result.totalWeight { problems.append("total is wrong") }
        return problems
    }

    @Test("A mentor with capacity 2 takes the two best mentees; a forbidden pair is never used")
    func capacityAndForbidden() {
        let weights: [[Int64?]] = [
            [9, 8, 7],
            [nil, 1, 6],
        ]
        let result = Matching.assignment(
            mentorCapacities: [2, 1], menteeCount: 3, weights: weights, maxCardinality: true)
        #expect(result.totalWeight == 9 + 8 + 6)
        #expect(Set(result.pairs.map { "\($0.mentor)-\($0.mentee)" }) == ["0-0", "0-1", "1-2"])
        #expect(result.unassignedMentees.isEmpty)
    }

    @Test("A mentee with no allowed mentor is reported unassigned")
    func unassignedMentee() {
        let result = Matching.assignment(
            mentorCapacities: [1], menteeCount: 2, weights: [[5, nil]], maxCardinality: true)
        #expect(result.pairs == [Matching.MentorPair(mentor: 0, mentee: 0, weight: 5)])
        #expect(result.unassignedMentees == [1])
    }

    @Test("Max weight skips a negative pair; max cardinality makes it")
    func negativeWeight() {
        let weights: [[Int64?]] = [[-3]]
        let plain = Matching.assignment(mentorCapacities: [1], menteeCount: 1, weights: weights, maxCardinality: false)
        let full = Matching.assignment(mentorCapacities: [1], menteeCount: 1, weights: weights, maxCardinality: true)
        #expect(plain.pairs.isEmpty && plain.totalWeight == 0)
        #expect(full.pairs.count == 1 && full.totalWeight == -3)
    }

    @Test("Max cardinality prefers two weaker pairs over one strong pair")
    func cardinalityFirst() {
        // Mentor 0 is everyone's favourite; mentor 1 only fits mentee 0.
        let weights: [[Int64?]] = [[10, 8], [1, nil]]
        let plain = Matching.assignment(
            mentorCapacities: [1, 1], menteeCount: 2, weights: weights, maxCardinality: false)
        let full = Matching.assignment(
            mentorCapacities: [1, 1], menteeCount: 2, weights: weights, maxCardinality: true)
        #expect(plain.totalWeight == 10 && plain.pairs.count == 1)
        #expect(full.totalWeight == 9 && full.pairs.count == 2)
    }

    @Test("Empty inputs give an empty assignment")
    func empty() {
        #expect(
            Matching.assignment(mentorCapacities: [], menteeCount: 0, weights: [], maxCardinality: true).pairs.isEmpty)
        let noMentors = Matching.assignment(mentorCapacities: [], menteeCount: 3, weights: [], maxCardinality: true)
        #expect(noMentors.unassignedMentees == [0, 1, 2])
        let noSlots = Matching.assignment(mentorCapacities: [0], menteeCount: 1, weights: [[4]], maxCardinality: true)
        #expect(noSlots.unassignedMentees == [0] && noSlots.totalWeight == 0)
    }

    @Test("Agrees with the blossom matcher on the slot-expanded bipartite graph", arguments: [1, 2, 3])
    func agreesWithBlossom(seed: UInt64) {
        var random = MatchingTestRandom(seed: seed)
        for _ in 0..<150 {
            let mentors = Int.random(in: 1...5, using: &random)
            let mentees = Int.random(in: 0...12, using: &random)
            let capacities = (0..<mentors).map { _ in Int.random(in: 0...3, using: &random) }
            let weights: [[Int64?]] = (0..<mentors).map { _ in
                (0..<mentees).map { _ in Bool.random(using: &random) ? nil : Int64.random(in: -5...20, using: &random) }
            }
            // Nodes: mentees first, then one node per mentor slot.
            var edges: [Matching.Edge] = []
            var node = mentees
            for (mentor, capacity) in capacities.enumerated() {
                for _ in 0..<capacity {
                    for mentee in 0..<mentees {
                        if let w = weights[mentor][mentee] { edges.append(Matching.Edge(mentee, node, weight: w)) }
                    }
                    node += 1
                }
            }
            for maxCardinality in [false, true] {
                let assignment = Matching.assignment(
                    mentorCapacities: capacities, menteeCount: mentees, weights: weights, maxCardinality: maxCardinality
                )
                let matching = Matching.maximumWeightMatching(
                    nodeCount: node, edges: edges, maxCardinality: maxCardinality)
                #expect(assignment.totalWeight == matching.totalWeight)
                if maxCardinality { #expect(assignment.pairs.count == matching.pairs.count) }
                #expect(Self.problems(with: assignment, capacities, weights).isEmpty)
            }
        }
    }
}
