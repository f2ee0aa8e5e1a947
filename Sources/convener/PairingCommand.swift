import ArgumentParser
import ConvenerCore
import ConvenerServer
import ConvenerStore
import Foundation

/// `convener pairing preview|replay`: the next round without sending anything, or a past round recomputed from
/// its stored seed. Both only read the state (its folder or the database), so they are safe while daemons run.
struct PairingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairing",
        abstract: "Preview the next pairing round or replay a past one.",
        subcommands: [Preview.self, Replay.self]
    )

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the groups each program's next round would make now, without sending anything.")

        @OptionGroup var location: StateCommand.Location

        @Option(name: .long, help: "The seed of the tie-breaking jitter (default: 0).")
        var seed: UInt64 = 0

        func run() async throws {
            let (configuration, profile, state) = try await location.state()
            let previews = PairingReplay.preview(
                state: state, settings: configuration.settings.pairing, communityZone: profile.timeZone, now: Date(),
                seed: seed)
            if previews.isEmpty { print("No pairing programs are configured (pairing.programs).") }
            for preview in previews {
                print(
                    "\(preview.program.id) (\(preview.program.kind.rawValue)): \(preview.poolSize) member(s) can "
                        + "take part, \(preview.plan.groups.count) group(s), total weight \(preview.plan.totalWeight)")
                for line in PairingReplay.describe(preview.plan, display: PairingCommand.display(state)) {
                    print("  \(line)")
                }
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute a recorded round from its stored pool and seed and compare the groups.")

        @OptionGroup var location: StateCommand.Location

        @Argument(help: "The round number, as in the intro messages and the log.")
        var round: Int

        func run() async throws {
            let (configuration, _, state) = try await location.state()
            guard
                let replay = PairingReplay.replay(round, book: state.pairing, settings: configuration.settings.pairing)
            else {
                let kept = state.pairing.rounds.map { String($0.number) }.joined(separator: ", ")
                throw CLIError.state(
                    "Round \(round) is not kept in the state. Kept rounds: \(kept.isEmpty ? "none" : kept).")
            }
            let recorded = replay.round
            print(
                "Round \(recorded.number) (\(recorded.program)) at \(recorded.at.formatted(Date.ISO8601FormatStyle())), "
                    + "seed \(String(recorded.seed, radix: 16)), pool of \(recorded.pool.count)")
            for line in PairingReplay.describe(replay.replayed, display: PairingCommand.display(state)) {
                print("  \(line)")
            }
            print(
                replay.matches
                    ? "Identical to the recorded round."
                    : "Differs from the recorded round (a member was forgotten or the program's settings changed).")
        }
    }

    fileprivate static func display(_ state: CommunityState) -> (MemberID) -> String {
        { member in state.members[member]?.displayName ?? member.user }
    }
}
