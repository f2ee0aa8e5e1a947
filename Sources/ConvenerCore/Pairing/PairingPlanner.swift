import Foundation

/// Makes one round's groups with the exact matcher: maximum-weight matching on the candidate graph (general
/// graph for coffee, assignment with capacities for mentorship).
enum PairingPlanner {
    /// The groups of a round of `program` over `pool` (sorted by member), weighed by `scorer`.
    static func plan(
        program: PairingProgram, pool: [PairingParticipant], scorer: PairingScorer, settings: PairingSettings
    )
        -> PairingPlan
    {
        switch program.kind {
        case .mentorship:
            return mentorship(pool: pool, scorer: scorer)
        case .coffee:
            let pruned = pool.count > settings.pruneAbove
            var edges = candidateEdges(
                count: pool.count, scorer: scorer, keep: pruned ? max(1, settings.pruneK) : nil)
            var groups = Matching.groups(nodeCount: pool.count, edges: edges) { scorer.weight($0, $1) }
            // A pruned graph may lack a near-perfect matching: give those left over all their candidates back and
            // solve again, so nobody misses a round only because of the pruning.
            var repairs = 0
            while pruned, !groups.unplaced.isEmpty, repairs < 2 {
                repairs += 1
                let loose = groups.unplaced + (groups.trio.map { [$0.joiner] } ?? [])
                for a in loose {
                    for b in 0..<pool.count where b != a {
                        if let weight = scorer.weight(a, b) { edges.append(Matching.Edge(a, b, weight: weight)) }
                    }
                }
                groups = Matching.groups(nodeCount: pool.count, edges: edges) { scorer.weight($0, $1) }
            }
            var plan =
                program.groupSize >= 3
                ? trios(from: groups, pool: pool, scorer: scorer)
                : pairsAndTrio(from: groups, pool: pool)
            plan.pruned = pruned
            return plan
        }
    }

    /// Every allowed edge, or with `keep` only the union of each member's `keep` best ones (computed member by
    /// member, so a large pool never holds its dense graph in memory).
    static func candidateEdges(count: Int, scorer: PairingScorer, keep: Int?) -> [Matching.Edge] {
        var edges: [Matching.Edge] = []
        guard let keep else {
            for a in 0..<count {
                for b in (a + 1)..<max(a + 1, count) {
                    if let weight = scorer.weight(a, b) { edges.append(Matching.Edge(a, b, weight: weight)) }
                }
            }
            return edges
        }
        for a in 0..<count {
            var best: [(node: Int, weight: Int64)] = []
            var weakest = 0
            for b in 0..<count where b != a {
                guard let weight = scorer.weight(a, b) else { continue }
                if best.count < keep {
                    best.append((b, weight))
                    if best.count == keep { weakest = best.indices.min { best[$0].weight < best[$1].weight } ?? 0 }
                } else if weight > best[weakest].weight {
                    best[weakest] = (b, weight)
                    weakest = best.indices.min { best[$0].weight < best[$1].weight } ?? 0
                }
            }
            for (node, weight) in best {
                edges.append(Matching.Edge(min(a, node), max(a, node), weight: weight))
            }
        }
        return edges
    }

    private static func pairsAndTrio(from groups: Matching.Groups, pool: [PairingParticipant]) -> PairingPlan {
        var result = groups.pairs.map {
            PairingGroup(members: [pool[$0.low].member, pool[$0.high].member], weight: $0.weight)
        }
        if let trio = groups.trio {
            result.append(PairingGroup(members: trio.members.map { pool[$0].member }, weight: trio.weight))
        }
        let unplaced = (groups.isolated + groups.unplaced).sorted().map { pool[$0].member }
        return PairingPlan(groups: result, unplaced: unplaced, totalWeight: groups.totalWeight, pruned: false)
    }

    /// Groups of three: break the weakest third of the pairs and seat their members (and any odd one out) with
    /// the remaining pairs by an exact assignment; members no pair can take are paired among themselves.
    private static func trios(from groups: Matching.Groups, pool: [PairingParticipant], scorer: PairingScorer)
        -> PairingPlan
    {
        var pairs = groups.pairs.sorted { ($0.weight, $1.low) > ($1.weight, $0.low) }
        let broken = pairs.count / 3
        var singles = pairs.suffix(broken).flatMap { [$0.low, $0.high] }
        pairs.removeLast(broken)
        var fixed: [PairingGroup] = []
        if let trio = groups.trio {
            fixed.append(PairingGroup(members: trio.members.map { pool[$0].member }, weight: trio.weight))
        }
        singles += groups.unplaced
        var weights: [[Int64?]] = pairs.map { pair in
            singles.map { single in
                guard let low = scorer.weight(single, pair.low), let high = scorer.weight(single, pair.high) else {
                    return nil
                }
                return low + high
            }
        }
        if pairs.isEmpty { weights = [] }
        let seated = Matching.assignment(
            mentorCapacities: pairs.map { _ in 1 }, menteeCount: singles.count, weights: weights,
            maxCardinality: true)
        var joiner: [Int: (node: Int, weight: Int64)] = [:]
        for match in seated.pairs { joiner[match.mentor] = (singles[match.mentee], match.weight) }
        for (index, pair) in pairs.enumerated() {
            var members = [pair.low, pair.high]
            var weight = pair.weight
            if let extra = joiner[index] {
                members.append(extra.node)
                weight += extra.weight
            }
            fixed.append(PairingGroup(members: members.sorted().map { pool[$0].member }, weight: weight))
        }
        let left = seated.unassignedMentees.map { singles[$0] }
        var edges: [Matching.Edge] = []
        for (i, a) in left.enumerated() {
            for (j, b) in left.enumerated() where i < j {
                if let weight = scorer.weight(a, b) { edges.append(Matching.Edge(i, j, weight: weight)) }
            }
        }
        let rest = Matching.maximumWeightMatching(nodeCount: left.count, edges: edges, maxCardinality: true)
        var paired = Set<Int>()
        for pair in rest.pairs {
            fixed.append(
                PairingGroup(
                    members: [left[pair.low], left[pair.high]].sorted().map { pool[$0].member }, weight: pair.weight))
            paired.formUnion([pair.low, pair.high])
        }
        let unplaced =
            (groups.isolated + left.indices.filter { !paired.contains($0) }.map { left[$0] }).sorted().map {
                pool[$0].member
            }
        fixed.sort { $0.members.first?.rawValue ?? "" < $1.members.first?.rawValue ?? "" }
        return PairingPlan(
            groups: fixed, unplaced: unplaced, totalWeight: fixed.reduce(0) { $0 + $1.weight }, pruned: false)
    }

    private static func mentorship(pool: [PairingParticipant], scorer: PairingScorer) -> PairingPlan {
        let mentors = pool.indices.filter { pool[$0].role == .mentor }
        let mentees = pool.indices.filter { pool[$0].role == .mentee }
        let weights = mentors.map { mentor in mentees.map { scorer.weight(mentor, $0) } }
        let assignment = Matching.assignment(
            mentorCapacities: mentors.map { max(1, pool[$0].capacity) }, menteeCount: mentees.count,
            weights: weights, maxCardinality: true)
        let groups = assignment.pairs.map { pair in
            PairingGroup(
                members: [pool[mentors[pair.mentor]].member, pool[mentees[pair.mentee]].member], weight: pair.weight)
        }
        return PairingPlan(
            groups: groups, unplaced: assignment.unassignedMentees.map { pool[mentees[$0]].member },
            totalWeight: assignment.totalWeight, pruned: false)
    }
}
