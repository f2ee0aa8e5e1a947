import Foundation
import Testing

@testable import ConvenerCore

/// An adversary who holds everything the host writes down and a lot of side knowledge tries to say who gave
/// which answers; over many simulated surveys it does no better than chance.
@Suite("Survey re-identification")
struct SurveyReidentificationTests {
    /// What the adversary is given about one survey.
    struct Evidence {
        /// Facts in the order they were written (the journal), or in the order memory saw them.
        var facts: [Fact]
        /// The log lines.
        var log: [String]
        /// The roster in the order members were sent the survey.
        var invited: [MemberID]
        /// Side knowledge: the order in which members submitted.
        var submitted: [MemberID]
    }

    /// One simulated survey: the evidence and the truth.
    struct Trial {
        var evidence: Evidence
        var truth: [MemberID: SurveyResponse]
        /// Every fact in the order memory saw it, pooled answers included: what a journal would hold if answers
        /// were written as they arrive.
        var memory: [Fact]
        /// A copy of the state folder right after each submission.
        var backups: [Backup]
    }

    /// What a copy of the state folder holds while the survey is open, opened with the key its journal holds.
    struct Backup {
        /// How many facts the journal held.
        var journalCount: Int
        /// The survey's sealed pool file, opened (nil when it had none).
        var pool: SealedPoolImage?
        /// Control only: the pool's responses in arrival order, as an unshuffled pool file would hold them.
        var arrival: [SurveyResponse]
    }

    static let template = SurveyTemplate(
        id: "pair", title: "Pair",
        questions: [
            SurveyQuestion(id: "score", text: "Score?", kind: .scale, required: true),
            SurveyQuestion(
                id: "pick", text: "Pick one", kind: .single, required: true,
                options: ["Red", "Green", "Blue"].map(SurveyOption.init(label:))),
        ])

    static func trial(seed: UInt64, members: Int, threshold: Int, shutdownEvery: Int?) -> Trial {
        var settings = CommunitySettings.defaults
        settings.surveys = SurveySettings(templates: [template])
        var harness = SurveyHarness(settings: settings, seed: seed)
        let names = (0..<members).map { String(format: "member%02d", $0) }
        for name in ["convenor"] + names { harness.send(name, .message("hi")) }
        harness.command("convenor", "survey start pair --k \(threshold) --closes 1d")
        let invited = harness.memory.compactMap { fact -> MemberID? in
            guard case .messageQueued(let entry) = fact, entry.message.form?.id == "survey.S1",
                case .direct(let member) = entry.message.audience
            else { return nil }
            return member
        }
        var generator = CommunityRandomness.seeded(seed &* 31 &+ 7).generator
        var submitted: [MemberID] = []
        var truth: [MemberID: SurveyResponse] = [:]
        var backups: [Backup] = []
        for (index, name) in names.shuffled(using: &generator).enumerated() {
            let score = Int.random(in: 1...5, using: &generator)
            let pick = ["red", "green", "blue"].randomElement(using: &generator) ?? "red"
            harness.submit(name, "survey.S1", ["score": .text("\(score)"), "pick": .choices([pick])])
            let id = SurveyHarness.id(name)
            submitted.append(id)
            truth[id] = SurveyResponse(answers: ["score": .scale(score), "pick": .choices([pick])])
            if let every = shutdownEvery, index % every == every - 1 { harness.shutdown() }
            backups.append(
                Backup(
                    journalCount: harness.journal.count, pool: harness.pools[CommunityState.surveyPool("S1")],
                    arrival: harness.state.surveys.pools["S1"]?.map(\.response) ?? []))
        }
        harness.tick(after: 2 * 86_400)
        return Trial(
            evidence: Evidence(facts: harness.journal, log: harness.log, invited: invited, submitted: submitted),
            truth: truth, memory: harness.memory, backups: backups)
    }

    /// The adversary: recomputes every member's token from the key in the journal to learn who is in each
    /// batch, then matches the batch's answers to its members in submission order (the order a journal without
    /// shuffling would keep); a log line naming a member next to the survey is taken at its word.
    static func guess(_ evidence: Evidence) -> [MemberID: SurveyResponse] {
        var key: AnonymityKey?
        var guesses: [MemberID: SurveyResponse] = [:]
        for fact in evidence.facts {
            guard case .survey(let survey) = fact else { continue }
            switch survey {
            case .opened(let record):
                key = record.key
            case .answerPooled(_, let entry):
                if let member = entry.member { guesses[member] = entry.response }
            case .batchRecorded(let id, let tokens, let responses):
                let members = evidence.submitted.filter { member in
                    key.map { tokens.contains($0.token(scope: id, member: member)) } ?? false
                }
                var remaining = responses
                for member in members where guesses[member] != nil {
                    if let index = remaining.firstIndex(of: guesses[member] ?? SurveyResponse(answers: [:])) {
                        remaining.remove(at: index)
                    }
                }
                for (member, response) in zip(members.filter { guesses[$0] == nil }, remaining) {
                    guesses[member] = response
                }
            case .poolRestored, .thresholdRaised, .closed:
                break
            }
        }
        for line in evidence.log {
            for member in evidence.invited where line.contains(member.rawValue) && line.contains("S1") {
                Issue.record("the log names \(member) next to the survey: \(line)")
            }
        }
        return guesses
    }

    /// What a guess that ignores order would score: within each batch of the journal, a random matching of its
    /// answers to its members gets Σ (copies of each distinct answer)² / batch size right on average.
    static func chanceBaseline(_ evidence: Evidence) -> Double {
        var expected = 0.0
        for fact in evidence.facts {
            guard case .survey(.batchRecorded(_, _, let responses)) = fact else { continue }
            var copies: [SurveyResponse: Int] = [:]
            for response in responses { copies[response, default: 0] += 1 }
            expected += Double(copies.values.reduce(0) { $0 + $1 * $1 }) / Double(responses.count)
        }
        return expected
    }

    static func score(_ guesses: [MemberID: SurveyResponse], _ truth: [MemberID: SurveyResponse]) -> Int {
        truth.count { guesses[$0.key] == $0.value }
    }

    @Test(
        "Given the journal, the log, the roster and the submission order, the adversary stays at chance level",
        arguments: [(members: 12, threshold: 3, shutdownEvery: nil), (members: 17, threshold: 5, shutdownEvery: 7)])
    func chanceLevel(members: Int, threshold: Int, shutdownEvery: Int?) {
        var correct = 0
        var expected = 0.0
        var total = 0
        for seed in UInt64(1)...150 {
            let trial = Self.trial(seed: seed, members: members, threshold: threshold, shutdownEvery: shutdownEvery)
            correct += Self.score(Self.guess(trial.evidence), trial.truth)
            expected += Self.chanceBaseline(trial.evidence)
            total += trial.truth.count
            if shutdownEvery == nil {
                // Chance is measured per batch, so it only means something while batches hold at least k answers
                // (the last batch at close may be smaller; without shutdowns, every other one is full).
                let sizes = trial.evidence.facts.compactMap { fact -> Int? in
                    guard case .survey(.batchRecorded(_, _, let responses)) = fact else { return nil }
                    return responses.count
                }
                #expect(sizes.dropLast().allSatisfy { $0 >= threshold }, "batch sizes \(sizes)")
            }
        }
        // The number of right guesses in one batch varies by at most about one per member; four of those
        // standard deviations over all members is a generous margin that still sits far below the control.
        let margin = 4 * Double(total).squareRoot()
        print("journal, \(members) members, k \(threshold): \(correct) right vs \(expected) by chance of \(total)")
        #expect(abs(Double(correct) - expected) <= margin, "correct \(correct), chance \(expected), of \(total)")
        #expect(Double(correct) / Double(total) < 0.5)
    }

    @Test("Control: the same adversary re-identifies almost everyone when answers are written as they arrive")
    func controlWithoutBatching() {
        var correct = 0
        var expected = 0.0
        var total = 0
        for seed in UInt64(1)...40 {
            let trial = Self.trial(seed: seed, members: 12, threshold: 3, shutdownEvery: nil)
            var unbatched = trial.evidence
            unbatched.facts = trial.memory
            correct += Self.score(Self.guess(unbatched), trial.truth)
            expected += Self.chanceBaseline(trial.evidence)
            total += trial.truth.count
        }
        #expect(Double(correct) / Double(total) > 0.95)
        #expect(Double(correct) > expected + 8 * Double(total).squareRoot())
    }
}

/// The adversary who copies the state folder while a survey is open (a backup), once or several times, and opens
/// the sealed pool file with the key the copy holds.
@Suite("Survey re-identification from backups")
struct SurveyBackupReidentificationTests {
    typealias Trial = SurveyReidentificationTests.Trial
    typealias Backup = SurveyReidentificationTests.Backup

    /// A set of members known to have answered, and the answers known to be theirs in some order.
    struct Group {
        var tokens: [String]
        var responses: [SurveyResponse]
        /// Whether it was found in the pool file rather than in a journaled batch.
        var fromPool = false
    }

    /// The batches written by the journal's first `count` facts.
    static func batches(_ facts: [Fact], count: Int) -> [Group] {
        facts.prefix(count).compactMap { fact in
            guard case .survey(.batchRecorded(_, let tokens, let responses)) = fact else { return nil }
            return Group(tokens: tokens, responses: responses)
        }
    }

    /// What copies taken at `moments` (indices into the trial's backups, ascending) tell apart: for each copy, each
    /// batch or pool it holds, the answers and members not seen in the copy before. Opening the pool file with the
    /// key is what the copies add to the journal; `useArrival` swaps in an unshuffled pool file (the control).
    static func groups(_ trial: Trial, moments: [Int], useArrival: Bool = false) -> [Group] {
        var result: [Group] = []
        var seenTokens = Set<String>()
        var seenResponses: [SurveyResponse] = []
        for moment in moments {
            let backup = trial.backups[moment]
            var containers = batches(trial.evidence.facts, count: backup.journalCount)
            if let pool = backup.pool {
                containers.append(
                    Group(tokens: pool.tokens, responses: useArrival ? backup.arrival : pool.responses, fromPool: true))
            }
            var nextSeen: [SurveyResponse] = []
            for container in containers {
                let tokens = container.tokens.filter { !seenTokens.contains($0) }
                var responses: [SurveyResponse] = []
                for response in container.responses {
                    if let index = seenResponses.firstIndex(of: response) {
                        seenResponses.remove(at: index)
                    } else {
                        responses.append(response)
                    }
                    nextSeen.append(response)
                }
                if !tokens.isEmpty {
                    result.append(Group(tokens: tokens, responses: responses, fromPool: container.fromPool))
                }
            }
            seenTokens.formUnion(containers.flatMap(\.tokens))
            seenResponses = nextSeen
        }
        return result
    }

    /// The adversary: recomputes every member's token from the key to learn who is in each group, then matches the
    /// group's answers to its members in submission order (the order an unshuffled file would keep).
    static func guess(_ trial: Trial, _ groups: [Group]) -> [MemberID: SurveyResponse] {
        var key: AnonymityKey?
        for fact in trial.evidence.facts {
            if case .survey(.opened(let record)) = fact { key = record.key }
        }
        var guesses: [MemberID: SurveyResponse] = [:]
        for group in groups {
            let members = trial.evidence.submitted.filter { member in
                key.map { group.tokens.contains($0.token(scope: "S1", member: member)) } ?? false
            }
            #expect(members.count == group.responses.count, "a group of \(members.count) members and answers")
            for (member, response) in zip(members, group.responses) { guesses[member] = response }
        }
        return guesses
    }

    /// What a guess that ignores order scores on average: Σ (copies of each distinct answer)² / group size.
    static func chance(_ groups: [Group]) -> Double {
        groups.reduce(0) { total, group in
            var copies: [SurveyResponse: Int] = [:]
            for response in group.responses { copies[response, default: 0] += 1 }
            return total + Double(copies.values.reduce(0) { $0 + $1 * $1 }) / Double(max(1, group.responses.count))
        }
    }

    /// Measures the adversary over many surveys with copies taken at `count` random moments.
    static func measure(
        copies count: Int, seeds: ClosedRange<UInt64>, useArrival: Bool = false, poolOnly: Bool = false
    ) -> (
        correct: Int, chance: Double, batchChance: Double, total: Int
    ) {
        var correct = 0
        var expected = 0.0
        var batchLevel = 0.0
        var total = 0
        for seed in seeds {
            let trial = SurveyReidentificationTests.trial(seed: seed, members: 12, threshold: 3, shutdownEvery: nil)
            var generator = CommunityRandomness.seeded(seed &* 131 &+ 3).generator
            let moments = Array(Array(trial.backups.indices).shuffled(using: &generator).prefix(count)).sorted()
            let groups = Self.groups(trial, moments: moments, useArrival: useArrival).filter {
                !poolOnly || $0.fromPool
            }
            let guesses = guess(trial, groups)
            correct += guesses.count { trial.truth[$0.key] == $0.value }
            expected += chance(groups)
            // What the same members would be at chance with only batch-sized groups (one copy's view).
            batchLevel += chance(Self.groups(trial, moments: [moments.last ?? 0]))
            total += groups.reduce(0) { $0 + $1.tokens.count }
        }
        return (correct, expected, batchLevel, total)
    }

    @Test("One copy of the state folder, pool file opened with its key: the adversary stays at chance level")
    func oneBackup() {
        let (correct, chance, _, total) = Self.measure(copies: 1, seeds: 1...300)
        print("one backup: \(correct) right vs \(String(format: "%.1f", chance)) expected by chance of \(total)")
        #expect(total > 1_000)
        #expect(abs(Double(correct) - chance) <= 4 * Double(total).squareRoot(), "correct \(correct), chance \(chance)")
        #expect(Double(correct) / Double(total) < 0.5)
    }

    @Test("Successive copies narrow answers down to those that arrived between two copies, and to nothing less")
    func successiveBackups() {
        let (correct, chance, batchChance, total) = Self.measure(copies: 3, seeds: 1...300)
        print(
            "three backups: \(correct) right vs \(String(format: "%.1f", chance)) expected by chance between copies "
                + "(\(String(format: "%.1f", batchChance)) at batch level) of \(total)")
        #expect(abs(Double(correct) - chance) <= 4 * Double(total).squareRoot(), "correct \(correct), chance \(chance)")
    }

    @Test("Control: an unshuffled pool file would give the same adversary nearly every answer in it")
    func controlUnshuffledPool() {
        let (correct, chance, _, total) = Self.measure(copies: 3, seeds: 1...150, useArrival: true, poolOnly: true)
        #expect(total > 100)
        #expect(correct == total, "correct \(correct) of \(total)")
        #expect(Double(correct) > chance + 4 * Double(total).squareRoot(), "correct \(correct), chance \(chance)")
    }
}
