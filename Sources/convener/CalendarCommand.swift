import ArgumentParser
import ConvenerServer
import Foundation

/// `convener calendar url`: where each community's calendar feed lives, for convenors to share.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The communities' calendar feeds.",
        subcommands: [URLCommand.self]
    )

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url",
            abstract: "Print each community's secret ICS feed address (change calendar_key to revoke them all).")

        @OptionGroup var options: ConfigOptions

        @Option(name: .long, help: "Only this community.")
        var community: String?

        func run() throws {
            let configuration = try DaemonConfigurationLoader.load(
                configPath: options.config, stateDirectory: nil, listen: nil)
            guard let key = configuration.server.calendarKey else {
                throw CLIError.invalidConfig(
                    "No calendar key: set CONVENER_CALENDAR_KEY (or calendar_key: {env: NAME} or {file: PATH}).")
            }
            let base =
                configuration.server.publicURL ?? "http://\(configuration.server.host):\(configuration.server.port)"
            let communities = configuration.communities.filter { community == nil || $0.id == community }
            guard !communities.isEmpty else {
                throw CLIError.invalidConfig(
                    "No community '\(community ?? "")'; the config has "
                        + configuration.communities.map(\.id).joined(separator: ", ") + ".")
            }
            for profile in communities {
                print("\(profile.id)\t\(base)\(CalendarFeedSecret.path(communityID: profile.id, key: key))")
            }
        }
    }
}
