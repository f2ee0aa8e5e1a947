import ArgumentParser
import ConvenerServer

/// The `convener` command: the daemon and the tools convenors and operators use around it.
@main
struct Convener: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convener",
        abstract: "A facilitator bot for communities of practice.",
        version: ConvenerVersion.current,
        subcommands: [
            ServeCommand.self, CheckCommand.self, StateCommand.self, OutboxCommand.self, RulesCommand.self,
            ScheduleCommand.self, PollCommand.self, PairingCommand.self, CalendarCommand.self, EmailCommand.self,
            ReportCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: nil
    )
}
