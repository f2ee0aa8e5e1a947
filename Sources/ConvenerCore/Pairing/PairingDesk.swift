import Foundation

/// Where pairing programs meet the reducer: commands, button clicks, the passing of time and rule actions.
enum PairingDesk: FeatureDesk {
    /// Pairing follow-ups carry buttons `pair.met.…`.
    static let actionFeature: String? = "pair"

    /// The button a welcome message may carry: join as a mentee with the defaults.
    static let joinAsMenteeAction = "pair.join.mentee"

    /// Handles a `/cop pair …` command.
    static func handle(_ command: CopCommand, _ context: CommandContext, replies: inout ReplyBuilder) -> FeatureEffects
    {
        var commands = PairingCommands(context: context)
        let facts: [Fact]
        switch command {
        case .pairJoin(let request): facts = commands.join(request)
        case .pairLeave: facts = commands.leave()
        case .pairPause(let duration): facts = commands.pause(duration)
        case .pairResume: facts = commands.resume()
        case .pairStatus: facts = commands.status()
        case .pairNot(let mention): facts = commands.avoid(mention)
        default:
            commands.reply("`/cop \(command.topic)` is not a pairing command.\nUsage: \(command.usage)")
            facts = []
        }
        for text in commands.replies { replies.ephemeral(text) }
        return FeatureEffects(facts: facts)
    }

    /// Handles `pair.met.<round>.<yes|no>` and `pair.join.mentee`.
    static func handleAction(
        _ actionID: String, messageID: String, _ context: CommandContext, replies: inout ReplyBuilder
    )
        -> FeatureEffects
    {
        var commands = PairingCommands(context: context)
        var facts: [Fact] = []
        if actionID == joinAsMenteeAction {
            facts = commands.join(CommandPairJoinRequest(role: .mentee))
        } else {
            let parts = actionID.split(separator: ".")
            if parts.count == 4, parts[1] == "met", let number = Int(parts[2]), parts[3] == "yes" || parts[3] == "no" {
                facts = commands.answerMeeting(round: number, met: parts[3] == "yes")
            } else {
                commands.reply("That button belongs to something that is no longer open, so nothing happened.")
            }
        }
        for text in commands.replies { replies.ephemeral(text) }
        return FeatureEffects(facts: facts)
    }

    /// Whether `action` is `pairing.round`.
    static func performs(_ action: RuleEffectAction) -> Bool {
        if case .pairingRound = action { return true }
        return false
    }

    /// Carries out `pairing.round`: a round of every program of the asked kind, now.
    static func perform(_ effect: RuleEffect, _ context: FeatureContext) -> FeatureEffects {
        guard case .pairingRound(let kind) = effect.action else {
            return FeatureEffects(notes: ["rule \(effect.ruleID) asked for \(effect.action), which pairing cannot do"])
        }
        let programs = context.settings.pairing.programs.filter { $0.kind.rawValue == kind.rawValue }
        guard !programs.isEmpty else {
            return FeatureEffects(notes: [
                "rule \(effect.ruleID) asked for a \(kind.rawValue) pairing round, but no \(kind.rawValue) program "
                    + "is configured under pairing.programs"
            ])
        }
        var effects = FeatureEffects()
        var number = context.state.pairing.nextRoundNumber
        for program in programs {
            let seed = context.randomness.next()
            let done = PairingRoundMaker.run(
                program: program, number: number, seed: seed, trigger: "rule \(effect.ruleID)", context)
            if done.facts.contains(where: { if case .pairing(.roundRecorded) = $0 { true } else { false } }) {
                number += 1
            }
            effects.append(done)
        }
        return effects
    }

    /// Runs the rounds whose cadence is due (at most one per program however many were missed) and sends the
    /// "did you meet?" questions whose day has come. A tick with nothing due parses no more than each program's
    /// cadence and computes one next fire time per program.
    static func tick(_ context: FeatureContext) -> FeatureEffects {
        let book = context.state.pairing
        var effects = FeatureEffects()
        var number = book.nextRoundNumber
        for program in context.settings.pairing.programs {
            guard let cadence = program.cadence,
                let expression = try? CronExpression(parsing: cadence)
            else { continue }
            guard let last = book.lastRun[program.id] else {
                effects.facts.append(.pairing(.programAnchored(program: program.id, at: context.now)))
                continue
            }
            let schedule = CronSchedule(expression: expression, timeZone: context.profile.timeZone)
            guard let due = schedule.nextFire(after: last), due <= context.now else { continue }
            // A schedule rule running `pairing.round` for this kind sets the rhythm; its round is this one.
            if scheduleRuleDrives(program.kind, context) { continue }
            let done = PairingRoundMaker.run(
                program: program, number: number, seed: context.randomness.next(), trigger: "cadence \(cadence)",
                context)
            if done.facts.contains(where: { if case .pairing(.roundRecorded) = $0 { true } else { false } }) {
                number += 1
            }
            effects.append(done)
        }
        for round in book.rounds where !round.followUpSent && round.followUpAt <= context.now {
            let program =
                context.settings.pairing.program(round.program) ?? PairingProgram(id: round.program, kind: round.kind)
            let intro = PairingIntro(
                round: round, program: program, scorer: nil, state: context.state, reducer: context.reducer,
                now: context.now)
            effects.facts.append(.pairing(.followUpSent(round: round.number)))
            effects.facts += intro.followUps()
        }
        return effects
    }

    /// What the next round of each program would be, from `state` at `now`, without recording or sending anything.
    static func preview(
        state: CommunityState, settings: PairingSettings, communityZone: TimeZone, now: Date, seed: UInt64
    ) -> [PairingPreview] {
        settings.programs.map { program in
            let made = PairingRoundMaker.plan(
                program: program, state: state, settings: settings, communityZone: communityZone, now: now, seed: seed)
            return PairingPreview(program: program, seed: seed, poolSize: made.pool.count, plan: made.plan)
        }
    }

    private static func scheduleRuleDrives(_ kind: PairingProgram.Kind, _ context: FeatureContext) -> Bool {
        let rules = context.reducer.rules.rules
        return rules.schedules(communityTimeZone: context.profile.timeZone).contains { entry in
            rules.rule(entry.ruleID)?.spec.actions.contains { action in
                if case .pairingRound(let ruled) = action { return ruled.rawValue == kind.rawValue }
                return false
            } ?? false
        }
    }
}
