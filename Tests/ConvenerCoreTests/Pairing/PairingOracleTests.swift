import Foundation
import Testing

@testable import ConvenerCore

/// Pairing rounds on random pools against networkx and scipy through the matcher's oracle harness.
@Suite(.enabled(if: MatchingOracleClient.isAvailable, "needs CONVENER_PYTHON with networkx and scipy"))
struct PairingOracleTests {
    typealias F = PairingFixture

    @Test("A coffee round's total weight equals networkx's maximum-weight matching on its candidate graph")
    func coffee() throws {
        var requests: [MatchingOracleClient.Case] = []
        var totals: [Int64] = []
        for seed in UInt64(1)...80 {
            let count = 2 * (2 + Int(seed % 29))
            let state = F.pool(count, seed: seed, zones: ["UTC", "Europe/Berlin", "America/New_York"], avoidEvery: 4)
            let program = PairingProgram(id: "coffee", kind: .coffee)
            let made = PairingRoundMaker.plan(
                program: program, state: state, settings: PairingSettings(programs: [program]),
                communityZone: F.profile.timeZone, now: F.start, seed: seed)
            // With a trio the total adds two more edges, which networkx does not model.
            guard made.plan.groups.allSatisfy({ $0.members.count == 2 }), made.plan.unplaced.isEmpty else { continue }
            let edges = PairingPlanner.candidateEdges(count: made.pool.count, scorer: made.scorer, keep: nil)
            requests.append(
                MatchingOracleClient.Case(
                    kind: "matching", n: made.pool.count, edges: edges.map { [Int64($0.a), Int64($0.b), $0.weight] },
                    maxcardinality: true))
            totals.append(made.plan.totalWeight)
        }
        #expect(requests.count >= 60)
        let answers = try MatchingOracleClient.answers(for: requests)
        #expect(answers.map(\.total) == totals)
    }

    @Test("A mentorship round's total weight equals scipy's assignment with the mentors' capacities")
    func mentorship() throws {
        var requests: [MatchingOracleClient.Case] = []
        var totals: [Int64] = []
        for seed in UInt64(1)...40 {
            let state = F.pool(
                6 + Int(seed % 30), seed: seed, zones: ["UTC", "Asia/Tokyo", "America/New_York"],
                roles: [.mentor, .mentee, .mentee], avoidEvery: 5)
            let program = PairingProgram(id: "mentorship", kind: .mentorship)
            let made = PairingRoundMaker.plan(
                program: program, state: state, settings: PairingSettings(programs: [program]),
                communityZone: F.profile.timeZone, now: F.start, seed: seed)
            let mentors = made.pool.indices.filter { made.pool[$0].role == .mentor }
            let mentees = made.pool.indices.filter { made.pool[$0].role == .mentee }
            requests.append(
                MatchingOracleClient.Case(
                    kind: "assignment", capacities: mentors.map { made.pool[$0].capacity }, mentees: mentees.count,
                    weights: mentors.map { mentor in mentees.map { made.scorer.weight(mentor, $0) } },
                    maxcardinality: true))
            totals.append(made.plan.totalWeight)
        }
        let answers = try MatchingOracleClient.answers(for: requests)
        #expect(answers.map(\.total) == totals)
    }
}
