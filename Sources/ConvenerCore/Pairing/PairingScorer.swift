import Foundation

/// The weight of every possible pair in one round's pool, or nil when a hard constraint rules the pair out.
///
/// Hard constraints: someone's `not` list names the other, they met within the program's repeat window, their
/// working hours do not overlap, or (mentorship) they are not a mentor and a mentee. The weight adds the
/// program's weights times scores from 0 to 1 (shared interests, working-hours overlap, tier difference, rounds
/// since last met), scaled by 1,000, plus a jitter below `jitterRange` drawn from the round's seed, so equal
/// candidates change from round to round while a replay with the same seed gives the same pairs.
struct PairingScorer: Sendable {
    /// The jitter's range, against about 1,000 per unit of weight.
    static let jitterRange: UInt64 = 100

    private let program: PairingProgram
    private let pool: [PairingParticipant]
    private let seed: UInt64
    private let interestIDs: [[Int]]
    private let utcStart: [Int]
    private let avoid: [Set<Int>]
    /// Rounds ago (1 = the previous round) that two pool members last met, keyed by `low * count + high`.
    private let lastMet: [Int: Int]

    /// A scorer for `pool` in a round of `program` at `at`, after `history` (this program's earlier rounds,
    /// oldest first).
    init(program: PairingProgram, pool: [PairingParticipant], history: [PairingRound], seed: UInt64, at: Date) {
        self.program = program
        self.pool = pool
        self.seed = seed
        var index: [MemberID: Int] = [:]
        for (position, participant) in pool.enumerated() { index[participant.member] = position }
        var interestNumbers: [String: Int] = [:]
        interestIDs = pool.map { participant in
            participant.interests.map { interest in
                if let known = interestNumbers[interest] { return known }
                interestNumbers[interest] = interestNumbers.count
                return interestNumbers.count - 1
            }.sorted()
        }
        let hours = program.workingHours
        utcStart = pool.map { participant in
            let zone = TimeZone(identifier: participant.timeZone) ?? .gmt
            let offset = zone.secondsFromGMT(for: at) / 60
            return ((hours.startMinute - offset) % 1440 + 1440) % 1440
        }
        avoid = pool.map { Set($0.avoid.compactMap { index[$0] }) }
        var met: [Int: Int] = [:]
        let count = pool.count
        for (age, round) in history.reversed().enumerated() {
            for group in round.groups {
                let members = group.members.compactMap { index[$0] }
                for a in members {
                    for b in members where a < b {
                        let key = a * count + b
                        if met[key] == nil { met[key] = age + 1 }
                    }
                }
            }
        }
        lastMet = met
    }

    /// The weight of `a` and `b` meeting, or nil when they must not.
    func weight(_ a: Int, _ b: Int) -> Int64? {
        guard a != b else { return nil }
        let low = min(a, b)
        let high = max(a, b)
        let first = pool[low]
        let second = pool[high]
        if program.kind == .mentorship {
            let roles = Set([first.role, second.role])
            guard roles == [.mentor, .mentee] else { return nil }
        }
        guard !avoid[low].contains(high), !avoid[high].contains(low) else { return nil }
        let roundsAgo = lastMet[low * pool.count + high]
        if let roundsAgo, roundsAgo <= program.repeatWindow { return nil }
        let overlap = overlapMinutes(low, high)
        guard overlap > 0 else { return nil }
        let weights = program.weights
        var score = weights.timezoneOverlap * Double(overlap) / Double(program.workingHours.lengthMinutes)
        score += weights.interests * sharedInterestScore(low, high)
        score += weights.tierMix * Double(abs(first.tier - second.tier)) / Double(PairingPool.maximumTier)
        let horizon = Double(max(2 * program.repeatWindow, 6))
        score += weights.sinceLastMet * (roundsAgo.map { min(1, Double($0) / horizon) } ?? 1)
        return Int64((score * 1000).rounded()) + Int64(jitter(low, high))
    }

    /// Minutes per day both keep as working hours.
    func overlapMinutes(_ a: Int, _ b: Int) -> Int {
        let length = program.workingHours.lengthMinutes
        var total = 0
        for shift in [-1440, 0, 1440] {
            let start = max(utcStart[a], utcStart[b] + shift)
            let end = min(utcStart[a] + length, utcStart[b] + shift + length)
            total += max(0, end - start)
        }
        return min(total, length)
    }

    /// The interests `a` and `b` share, in the order `a` gave them.
    func sharedInterests(_ a: Int, _ b: Int) -> [String] {
        pool[a].interests.filter { pool[b].interests.contains($0) }
    }

    private func sharedInterestScore(_ a: Int, _ b: Int) -> Double {
        let left = interestIDs[a]
        let right = interestIDs[b]
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        var i = 0
        var j = 0
        var shared = 0
        while i < left.count && j < right.count {
            if left[i] == right[j] {
                shared += 1
                i += 1
                j += 1
            } else if left[i] < right[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(shared) / Double(min(left.count, right.count))
    }

    private func jitter(_ low: Int, _ high: Int) -> UInt64 {
        var generator = MatchingSplitMix64(seed: seed ^ (UInt64(low) &* 0x1_0000_0001 &+ UInt64(high) &* 0x9E37))
        return generator.next() % Self.jitterRange
    }
}
