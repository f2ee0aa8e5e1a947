import ArgumentParser
import ConvenerCore
import ConvenerServer
import ConvenerStore
import Foundation
import Logging

/// `convener state …`: offline tools for the state folder.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Verify, export, import or compact the state folder.",
        subcommands: [Verify.self, Export.self, Import.self, Compact.self]
    )

    /// The options every `state` subcommand shares: where the state is and which community.
    struct Location: ParsableArguments {
        @OptionGroup var options: ConfigOptions

        @Option(name: .long, help: "The community's id (default: the only community, or the first).")
        var community: String?

        /// The configuration and the chosen community.
        func chosenCommunity() throws -> (configuration: DaemonConfiguration, profile: CommunityProfile) {
            let configuration = try DaemonConfigurationLoader.load(
                configPath: options.config, stateDirectory: options.stateDir, listen: nil
            )
            guard let community else {
                guard let first = configuration.communities.first else {
                    throw CLIError.state("The config has no community.")
                }
                return (configuration, first)
            }
            guard let profile = configuration.communities.first(where: { $0.id == community }) else {
                let known = configuration.communities.map(\.id).joined(separator: ", ")
                throw ValidationError("--community '\(community)' is not in the config; it has: \(known).")
            }
            return (configuration, profile)
        }

        /// The state folder of the chosen community.
        func directory() throws -> String {
            let (configuration, profile) = try chosenCommunity()
            return configuration.stateDirectory(for: profile)
        }

        /// The community's state in `directory`, read without taking the lock (safe while the daemon runs), or an
        /// empty one when the folder does not exist yet.
        static func readState(_ directory: String) throws -> CommunityState {
            guard FileManager.default.fileExists(atPath: directory) else { return CommunityState() }
            do {
                let data = try StateStoreTools.export(directory: directory, as: CommunityState.self)
                return try JSONDecoder().decode(StateDocument.self, from: data).state
            } catch {
                throw CLIError.state("\(directory): \(error)")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every CRC and replay the journal (read-only; safe while the daemon runs)."
        )

        @OptionGroup var location: Location

        func run() throws {
            let directory = try location.directory()
            do {
                let report = try StateStoreTools.verify(directory: directory, as: CommunityState.self)
                print("\(directory): OK\n\(report)")
            } catch {
                throw CLIError.state("\(directory): \(error)")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the state as one JSON document (format version, sequence number, state)."
        )

        @OptionGroup var location: Location

        func run() throws {
            let directory = try location.directory()
            do {
                let data = try StateStoreTools.export(directory: directory, as: CommunityState.self)
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
            } catch {
                throw CLIError.state("\(directory): \(error)")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load an export into an empty state folder."
        )

        @Argument(help: "The JSON document `convener state export` wrote.")
        var file: String

        @OptionGroup var location: Location

        func run() throws {
            let directory = try location.directory()
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError.state("Cannot read \(file): \(error.localizedDescription)")
            }
            do {
                try StateStoreTools.importState(data, into: directory, as: CommunityState.self)
                print("Imported \(file) into \(directory).")
            } catch {
                throw CLIError.state("\(directory): \(error)")
            }
        }
    }

    struct Compact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a fresh snapshot and drop the journal it covers (needs the daemon stopped)."
        )

        @OptionGroup var location: Location

        func run() async throws {
            let directory = try location.directory()
            do {
                let report = try await StateStoreTools.compact(
                    directory: directory, as: CommunityState.self, logger: Logger(label: "convener.state")
                )
                print(report)
                print("Compacted \(directory).")
            } catch {
                throw CLIError.state("\(directory): \(error)")
            }
        }
    }
}
