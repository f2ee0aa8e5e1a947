import ArgumentParser
import ConvenerServer
import Foundation

/// `convener check`: validates the config (and, as they arrive, the rules) and exits non-zero on problems.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config; print every problem with file:line:column."
    )

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let configuration = try DaemonConfigurationLoader.load(
            configPath: options.config, stateDirectory: options.stateDir, listen: nil
        )
        let communities = configuration.communities.map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
        print("\(configuration.source): OK")
        print("  communities: \(communities)")
        print("  listen:      \(configuration.server.host):\(configuration.server.port)")
        print("  state:       \(configuration.stateDirectory)")
        print("  rules:       \(configuration.rules.rules.count) from \(configuration.rulesSource)")
        if let email = configuration.email {
            let linkKeySet = configuration.server.emailLinkKey != nil
            print("  email:       " + EmailSummary.line(email, linkKeySet: linkKeySet))
            if !linkKeySet { print("warning: email: " + EmailSummary.missingLinkKey) }
        }
    }
}
