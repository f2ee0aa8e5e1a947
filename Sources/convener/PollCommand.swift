import ArgumentParser
import ConvenerCore
import ConvenerServer
import ConvenerStore
import Foundation

/// `convener poll export ID`: a poll's counts as CSV, for convenors' spreadsheets.
struct PollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Work with polls.",
        subcommands: [Export.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Print a poll's counts as CSV: poll,question,option,votes (read-only; safe while the daemon runs).",
            discussion: "Only aggregates are exported, never who voted. A poll started with --hidden can be "
                + "exported once it has closed."
        )

        @Argument(help: "The poll's id, like P3.")
        var id: String

        @OptionGroup var location: StateCommand.Location

        func run() async throws {
            let state = try await location.state().state
            switch PollExport.export(id, from: state.polls) {
            case .success(let csv):
                print(csv, terminator: "")
            case .failure(let problem):
                throw CLIError.state(problem.description)
            }
        }
    }
}
