import Foundation

/// Runs one round of one program: builds the pool, matches it, records the round and queues the intros.
enum PairingRoundMaker {
    /// The plan a round of `program` would make from `state` at `now` with `seed`, and the scorer behind it.
    static func plan(
        program: PairingProgram, state: CommunityState, settings: PairingSettings, communityZone: TimeZone,
        now: Date, seed: UInt64
    ) -> (pool: [PairingParticipant], plan: PairingPlan, scorer: PairingScorer) {
        let pool = PairingPool.participants(program: program, state: state, now: now, communityZone: communityZone)
        let scorer = PairingScorer(
            program: program, pool: pool, history: state.pairing.rounds(of: program.id), seed: seed, at: now)
        return (pool, PairingPlanner.plan(program: program, pool: pool, scorer: scorer, settings: settings), scorer)
    }

    /// Runs a round of `program` as round `number` with `seed`; `trigger` says why, for the log.
    static func run(
        program: PairingProgram, number: Int, seed: UInt64, trigger: String, _ context: FeatureContext
    ) -> FeatureEffects {
        let settings = context.settings.pairing
        let (pool, plan, scorer) = plan(
            program: program, state: context.state, settings: settings, communityZone: context.profile.timeZone,
            now: context.now, seed: seed)
        guard pool.count >= 2 else {
            return FeatureEffects(
                facts: [.pairing(.programAnchored(program: program.id, at: context.now))],
                notes: [
                    "pairing \(program.id): no round (\(trigger)), only \(pool.count) member(s) can take part"
                ])
        }
        guard !plan.groups.isEmpty else {
            // Say nothing to anyone: a round of only "nobody for you" messages helps no one.
            return FeatureEffects(
                facts: [.pairing(.programAnchored(program: program.id, at: context.now))],
                notes: ["pairing \(program.id): no round (\(trigger)), no two of the \(pool.count) members may meet"])
        }
        let round = PairingRound(
            number: number, program: program.id, kind: program.kind, at: context.now, seed: seed, pool: pool,
            groups: plan.groups, unplaced: plan.unplaced,
            followUpAt: context.now.addingTimeInterval(TimeInterval(max(0, settings.followUpDays)) * 86_400))
        var facts: [Fact] = [.pairing(.roundRecorded(round))]
        let intro = PairingIntro(
            round: round, program: program, scorer: scorer, state: context.state, reducer: context.reducer,
            now: context.now)
        facts += intro.messages()
        let seedText = String(seed, radix: 16)
        let note =
            "pairing round \(number) (\(program.id), \(trigger)): seed \(seedText), \(plan.groups.count) group(s) "
            + "from \(pool.count) member(s), \(plan.unplaced.count) unplaced, total weight \(plan.totalWeight)"
            + (plan.pruned ? ", pruned to the best \(settings.pruneK) candidates each" : "")
        let event = RuleEvent(
            type: "pairing.completed",
            payload: ["roundId": .string("\(number)"), "pairs": .int(Int64(plan.groups.count))])
        return FeatureEffects(facts: facts, events: [FeatureEvent(event: event, member: nil)], notes: [note])
    }
}
