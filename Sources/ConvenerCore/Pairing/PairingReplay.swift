import Foundation

/// Recomputes a recorded round from its stored pool and seed, to show that it is reproducible
/// (`convener pairing replay ROUND`).
public struct PairingReplay: Sendable, Equatable {
    /// The recorded round.
    public var round: PairingRound
    /// The groups the replay made.
    public var replayed: PairingPlan

    /// Whether the replay made exactly the recorded groups.
    public var matches: Bool {
        Set(replayed.groups.map(\.members)) == Set(round.groups.map(\.members))
            && Set(replayed.unplaced) == Set(round.unplaced)
    }

    /// Replays round `number` from `book` with the program as `settings` configures it now; nil when the round is
    /// no longer kept. The earlier rounds of the program it saw are the kept ones numbered below it.
    public static func replay(_ number: Int, book: PairingBook, settings: PairingSettings) -> PairingReplay? {
        guard let round = book.round(number) else { return nil }
        let program = settings.program(round.program) ?? PairingProgram(id: round.program, kind: round.kind)
        let history = book.rounds(of: round.program).filter { $0.number < number }
        let scorer = PairingScorer(program: program, pool: round.pool, history: history, seed: round.seed, at: round.at)
        let plan = PairingPlanner.plan(program: program, pool: round.pool, scorer: scorer, settings: settings)
        return PairingReplay(round: round, replayed: plan)
    }

    /// Previews the next round of every program from `state` at `now` with `seed`, without recording anything.
    public static func preview(
        state: CommunityState, settings: PairingSettings, communityZone: TimeZone, now: Date, seed: UInt64
    ) -> [PairingPreview] {
        PairingDesk.preview(state: state, settings: settings, communityZone: communityZone, now: now, seed: seed)
    }

    /// A readable report: one line per group, `display(member)` naming members.
    public static func describe(_ plan: PairingPlan, display: (MemberID) -> String) -> [String] {
        var lines = plan.groups.map { group in
            group.members.map(display).joined(separator: " + ") + "  (weight \(group.weight))"
        }
        if !plan.unplaced.isEmpty {
            lines.append("no partner: " + plan.unplaced.map(display).joined(separator: ", "))
        }
        return lines
    }
}
