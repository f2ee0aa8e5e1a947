import Foundation
import Testing

@testable import ConvenerCore

/// Engagement scores and tiers over simulated months with an injected clock.
struct EngagementStateTests {
    private typealias Support = EngagementTestSupport
    private let policy = EngagementPolicy()
    private let alice = Support.member("alice")

    /// Score halves every half life.
    @Test func scoreHalvesEveryHalfLife() throws {
        var state = EngagementState()
        state.join(alice, at: Support.at(day: 0))
        for _ in 0..<10 {
            state.record(.message, by: alice, at: Support.at(day: 0), policy: policy)
        }
        #expect(try #require(state.score(of: alice, at: Support.at(day: 0), policy: policy)) == 10)
        let month = try #require(state.score(of: alice, at: Support.at(day: 30), policy: policy))
        #expect(abs(month - 5) < 1e-9)
        let twoMonths = try #require(state.score(of: alice, at: Support.at(day: 60), policy: policy))
        #expect(abs(twoMonths - 2.5) < 1e-9)
    }

    /// Lazy decay matches summing every event decayed separately.
    @Test func lazyDecayMatchesSummingEveryEventDecayedSeparately() throws {
        var state = EngagementState()
        var generator = EngagementSeededGenerator(seed: 7)
        var events: [(EngagementActivity, Double)] = []
        for _ in 0..<300 {
            let activity = EngagementActivity.allCases.randomElement(using: &generator) ?? .message
            events.append((activity, Double.random(in: 0..<200, using: &generator)))
        }
        // Out of order on purpose: late events are decayed to the stored instant.
        for (activity, day) in events {
            state.record(activity, by: alice, at: Support.at(day: day), policy: policy)
        }
        let expected = events.reduce(0.0) { total, event in
            total + policy.weights.weight(of: event.0) * exp2(-(200 - event.1) / policy.halfLifeDays)
        }
        let score = try #require(state.score(of: alice, at: Support.at(day: 200), policy: policy))
        #expect(abs(score - expected) < 1e-6 * expected)
    }

    /// Weights are configurable.
    @Test func weightsAreConfigurable() throws {
        let custom = EngagementPolicy(weights: EngagementWeights(message: 2, pairingMeeting: 10))
        var state = EngagementState()
        state.record(.message, by: alice, at: Support.at(day: 0), policy: custom)
        state.record(.pairingMeeting, by: alice, at: Support.at(day: 0), policy: custom)
        state.record(.vote, by: alice, at: Support.at(day: 0), policy: custom)
        #expect(try #require(state.score(of: alice, at: Support.at(day: 0), policy: custom)) == 12.5)
        #expect(EngagementActivity(ActivityKind.command) == .command)
    }

    /// Steady rates settle on the tiers the policy's documentation promises.
    @Test(arguments: [
        (messagesPerWeek: 0.0, tier: EngagementTier.peripheral),
        (messagesPerWeek: 0.5, tier: EngagementTier.occasional),
        (messagesPerWeek: 2.5, tier: EngagementTier.active),
        (messagesPerWeek: 7.0, tier: EngagementTier.core),
    ])
    func steadyActivitySettlesOnItsTier(messagesPerWeek: Double, tier: EngagementTier) {
        var state = EngagementState()
        state.join(alice, at: Support.at(day: 0))
        var owed = 0.0
        for day in 0..<180 {
            owed += messagesPerWeek / 7
            while owed >= 1 {
                state.record(.message, by: alice, at: Support.at(day: Double(day) + 0.5), policy: policy)
                owed -= 1
            }
            _ = state.evaluate(now: Support.at(day: Double(day + 1)), policy: policy)
        }
        #expect(state.tier(of: alice) == tier)
    }

    /// A member whose score keeps crossing the active promotion threshold is promoted once and stays.
    @Test func memberOscillatingAroundAThresholdChangesTierOnce() throws {
        var state = EngagementState()
        state.join(alice, at: Support.at(day: 0))
        var changes: [Date] = []
        var crossings = 0
        var wasAbove = false
        for day in 0..<365 {
            let now = Support.at(day: Double(day))
            let score = try #require(state.score(of: alice, at: now, policy: policy))
            let above = score >= policy.activePromote
            if above != wasAbove { crossings += 1 }
            wasAbove = above
            if !above {
                state.record(.message, by: alice, at: now, policy: policy)
            }
            for case .tierChanged(_, _, _) in state.evaluate(now: now.addingTimeInterval(3_600), policy: policy) {
                changes.append(now)
            }
        }
        #expect(crossings > 100, "the drive should cross the threshold often (\(crossings))")
        // peripheral → occasional on the way up, then → active, and never back down.
        #expect(changes.count == 2)
        #expect(state.tier(of: alice) == .active)
    }

    /// Near both thresholds with bursts and pauses, no member's tier changes twice within the window.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func tierChangesAreAtLeastTheMinimumGapApart(seed: UInt64) {
        var generator = EngagementSeededGenerator(seed: seed)
        var state = EngagementState()
        let members = (0..<20).map { Support.member("m\($0)") }
        var lastChange: [MemberID: Date] = [:]
        var gaps: [TimeInterval] = []
        for hour in 0..<(24 * 240) {
            let now = Support.at(day: Double(hour) / 24)
            for member in members where Double.random(in: 0..<1, using: &generator) < 0.02 {
                let burst = Int.random(in: 1...30, using: &generator)
                for _ in 0..<burst {
                    state.record(.message, by: member, at: now, policy: policy)
                }
            }
            for case .tierChanged(let member, _, _) in state.evaluate(now: now, policy: policy) {
                if let previous = lastChange[member] { gaps.append(now.timeIntervalSince(previous)) }
                lastChange[member] = now
            }
        }
        #expect(!gaps.isEmpty)
        #expect(gaps.allSatisfy { $0 >= policy.minDaysBetweenTierChanges * Support.day })
    }

    /// A core member who falls silent drifts down one tier at a time, as the half-life predicts.
    @Test func silentCoreMemberDriftsDownOverMonths() throws {
        var state = EngagementState()
        state.join(alice, at: Support.at(day: 0))
        for day in 0..<90 {
            state.record(.message, by: alice, at: Support.at(day: Double(day)), policy: policy)
            state.record(.message, by: alice, at: Support.at(day: Double(day) + 0.5), policy: policy)
            _ = state.evaluate(now: Support.at(day: Double(day) + 0.6), policy: policy)
        }
        #expect(state.tier(of: alice) == .core)
        let peak = try #require(state.score(of: alice, at: Support.at(day: 89.5), policy: policy))
        var path: [(day: Int, to: EngagementTier)] = []
        for day in 90..<400 {
            for case .tierChanged(_, _, let to) in state.evaluate(now: Support.at(day: Double(day)), policy: policy) {
                path.append((day, to))
            }
        }
        #expect(path.map(\.to) == [.active, .occasional, .peripheral])
        // Each drop comes on the first daily check after the score falls below that tier's keep threshold.
        let keeps = [policy.coreKeep, policy.activeKeep, policy.occasionalKeep]
        for (step, keep) in zip(path, keeps) {
            let predicted = 89.5 + policy.halfLifeDays * log2(peak / keep)
            #expect(Double(step.day) >= predicted && Double(step.day) < predicted + 1)
        }
        #expect(try #require(path.first).day - 90 >= 14, "core is not lost within two weeks of silence")
    }

    /// One change may jump several tiers but waits for the gap.
    @Test func oneChangeMayJumpSeveralTiersButWaitsForTheGap() {
        var state = EngagementState()
        state.join(alice, at: Support.at(day: 0))
        for _ in 0..<5 {
            state.record(.message, by: alice, at: Support.at(day: 0), policy: policy)
        }
        #expect(
            state.evaluate(now: Support.at(day: 0), policy: policy)
                == [.tierChanged(member: alice, from: .peripheral, to: .occasional)]
        )
        // A big burst the next day reaches core's threshold, but the change waits for the 7-day gap ...
        for _ in 0..<50 {
            state.record(.message, by: alice, at: Support.at(day: 1), policy: policy)
        }
        #expect(state.evaluate(now: Support.at(day: 1), policy: policy).isEmpty)
        #expect(state.evaluate(now: Support.at(day: 6.9), policy: policy).isEmpty)
        #expect(state.tier(of: alice) == .occasional)
        // ... and then is one change straight to core, not a step through active.
        #expect(
            state.evaluate(now: Support.at(day: 7), policy: policy)
                == [.tierChanged(member: alice, from: .occasional, to: .core)]
        )
    }

    /// Inactive is raised once per silence.
    @Test func inactiveIsRaisedOncePerSilence() {
        var state = EngagementState()
        state.join(alice, at: Support.at(day: 0))
        state.record(.message, by: alice, at: Support.at(day: 1), policy: policy)
        var raised: [(Int, Int)] = []
        for day in 2..<200 {
            let now = Support.at(day: Double(day))
            if day == 100 {
                state.record(.kudosReceived, by: alice, at: now, policy: policy)
            }
            if day == 120 {
                state.record(.vote, by: alice, at: now, policy: policy)
            }
            for hour in 0..<24 {
                let tick = now.addingTimeInterval(Double(hour) * 3_600)
                for case .inactive(_, let days) in state.evaluate(now: tick, policy: policy) {
                    raised.append((day, days))
                }
            }
        }
        // Silent from day 1: raised on day 31 (30 whole days); kudos received on day 100 do not end the
        // silence; a vote on day 120 does, so the next silence is raised on day 150.
        #expect(raised.map(\.0) == [31, 150])
        #expect(raised.map(\.1) == [30, 30])
    }

    /// Evaluating twice at the same instant raises nothing new.
    @Test func evaluatingTwiceAtTheSameInstantRaisesNothingNew() {
        var state = EngagementState()
        let members = (0..<50).map { Support.member("m\($0)") }
        for (index, member) in members.enumerated() {
            state.join(member, at: Support.at(day: 0))
            for _ in 0..<index {
                state.record(.message, by: member, at: Support.at(day: 1), policy: policy)
            }
        }
        let first = state.evaluate(now: Support.at(day: 40), policy: policy)
        #expect(!first.isEmpty)
        #expect(first.map(\.member) == first.map(\.member).sorted())
        #expect(state.evaluate(now: Support.at(day: 40), policy: policy).isEmpty)
        #expect(state.tierCounts().values.reduce(0, +) == 50)
    }

    /// State round-trips through JSON.
    @Test func stateRoundTripsThroughJSON() throws {
        var state = EngagementState()
        state.record(.surveyParticipation, by: alice, at: Support.at(day: 3), policy: policy)
        _ = state.evaluate(now: Support.at(day: 3), policy: policy)
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(EngagementState.self, from: data) == state)
        state.remove(alice)
        #expect(state.records.isEmpty)
    }

    /// Policy problems name the setting.
    @Test func policyProblemsNameTheSetting() {
        #expect(EngagementPolicy().problems.isEmpty)
        let bad = EngagementPolicy(halfLifeDays: 0, coreKeep: 50, silentDays: 0)
        #expect(bad.problems.count == 3)
        #expect(bad.problems.contains { $0.contains("halfLifeDays") })
        #expect(bad.problems.contains { $0.contains("coreKeep (50.0)") })
        #expect(bad.problems.contains { $0.contains("silentDays") })
    }
}
