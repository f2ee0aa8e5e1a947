import ArgumentParser
import ConvenerCore
import ConvenerServer
import ConvenerStore
import Foundation
import Logging

/// `convener state …`: offline tools for the state folder, or for the database when `CONVENER_DATABASE_URL` (or
/// `store.postgres`) is set.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Verify, export, import or compact the state (folder or database); move folders into PostgreSQL.",
        subcommands: [Verify.self, Export.self, Import.self, Compact.self, MigrateToPostgres.self]
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

        /// Runs `body` against the database when one is configured; returns nil (without running it) otherwise.
        func withDatabase<T: Sendable>(
            _ body: @Sendable (PostgresDatabase, CommunityProfile) async throws -> T
        ) async throws -> T? {
            let (configuration, profile) = try chosenCommunity()
            guard let settings = configuration.database else { return nil }
            do {
                return try await PostgresDatabase.with(settings, logger: StateCommand.logger) { database in
                    try await database.prepareSchema()
                    return try await body(database, profile)
                }
            } catch {
                throw CLIError.state("community \(profile.id) in \(settings.redactedURL): \(error)")
            }
        }

        /// The chosen community and its state, read-only and safe while daemons run: from the database when one
        /// is configured (loaded as a daemon loads it, through `PostgresStateStore`), else from its state folder
        /// without taking the lock.
        func state() async throws -> (
            configuration: DaemonConfiguration, profile: CommunityProfile, state: CommunityState
        ) {
            let (configuration, profile) = try chosenCommunity()
            if let state = try await withDatabase({ database, profile in
                try await PostgresStateStore<CommunityState>.open(community: profile.id, database: database).state
            }) {
                return (configuration, profile, state)
            }
            return (configuration, profile, try Self.readState(configuration.stateDirectory(for: profile)))
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

    /// Logs of the database tools: warnings only, on standard error.
    static var logger: Logger {
        var logger = Logger(label: "convener.state")
        logger.logLevel = .warning
        return logger
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every CRC and replay the journal (read-only; safe while the daemon runs)."
        )

        @OptionGroup var location: Location

        func run() async throws {
            if let line = try await location.withDatabase({ database, profile in
                let report = try await PostgresStateTools.verify(
                    community: profile.id, database: database, as: CommunityState.self)
                return "community \(profile.id) in \(database.settings.redactedURL): OK\n\(report)"
            }) {
                print(line)
                return
            }
            let directory = try location.directory()
            do {
                let report = try StateStoreTools.verify(directory: directory, as: CommunityState.self)
                print("\(directory): OK\n\(report)")
            } catch {
                throw CLIError.state("\(directory): \(error)")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the state as one JSON document (format version, sequence number, state)."
        )

        @OptionGroup var location: Location

        func run() async throws {
            if let data = try await location.withDatabase({ database, profile in
                try await PostgresStateTools.export(community: profile.id, database: database, as: CommunityState.self)
            }) {
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
                return
            }
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

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load an export into an empty state folder (or a community the database does not hold yet)."
        )

        @Argument(help: "The JSON document `convener state export` wrote.")
        var file: String

        @OptionGroup var location: Location

        func run() async throws {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError.state("Cannot read \(file): \(error.localizedDescription)")
            }
            if let line = try await location.withDatabase({ database, profile in
                try await PostgresStateTools.importState(
                    data, community: profile.id, database: database, as: CommunityState.self)
                return "Imported \(file) into community \(profile.id) in \(database.settings.redactedURL)."
            }) {
                print(line)
                return
            }
            let directory = try location.directory()
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
            if let line = try await location.withDatabase({ database, profile in
                let (store, state, report) = try await PostgresStateStore<CommunityState>.open(
                    community: profile.id, database: database)
                try await store.compact(state, through: store.lastTicket)
                try await store.close()
                return "\(report)\nCompacted community \(profile.id) in \(database.settings.redactedURL)."
            }) {
                print(line)
                return
            }
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

    struct MigrateToPostgres: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate-to-postgres",
            abstract: "Move the communities' state folders into the database (CONVENER_DATABASE_URL), verified.",
            discussion: """
                Stop the daemon first: each folder is locked while it moves. Every community in the config whose \
                folder exists moves (or only --community), with its sealed pool files; the database's export must \
                equal the folder's byte for byte. Without --community, what the platforms learned \
                (platform-addresses.json, platforms/matrix.json) moves too. The folders are left as they were, as a \
                backup.
                """
        )

        @OptionGroup var options: ConfigOptions

        @Option(name: .long, help: "Move only this community (default: every community in the config).")
        var community: String?

        func run() async throws {
            let configuration = try DaemonConfigurationLoader.load(
                configPath: options.config, stateDirectory: options.stateDir, listen: nil)
            guard let settings = configuration.database else {
                throw CLIError.state(
                    "No database is configured: set CONVENER_DATABASE_URL=postgres://USER:PASSWORD@HOST/DATABASE "
                        + "(or store.postgres.url in the config) and run this again.")
            }
            let profiles = configuration.communities.filter { community == nil || $0.id == community }
            guard !profiles.isEmpty else {
                let known = configuration.communities.map(\.id).joined(separator: ", ")
                throw ValidationError("--community '\(community ?? "")' is not in the config; it has: \(known).")
            }
            let folders = profiles.map { (id: $0.id, directory: configuration.stateDirectory(for: $0)) }
            let lines = try await PostgresDatabase.with(settings, logger: StateCommand.logger) { database in
                try await database.prepareSchema()
                var lines: [String] = []
                for folder in folders {
                    guard FileManager.default.fileExists(atPath: folder.directory) else {
                        lines.append("community \(folder.id): no folder at \(folder.directory); nothing to move")
                        continue
                    }
                    do {
                        let moved = try await PostgresStateTools.migrate(
                            directory: folder.directory, community: folder.id, database: database,
                            as: CommunityState.self)
                        lines.append("\(moved)\n\(moved.verified)")
                    } catch {
                        throw CLIError.state("\(folder.directory) → \(settings.redactedURL): \(error)")
                    }
                }
                if community == nil {
                    lines += try await Self.movePlatformState(from: configuration.stateDirectory, into: database)
                }
                return lines
            }
            for line in lines { print(line) }
            print("Done. Start convener with CONVENER_DATABASE_URL set; keep the folders as a backup.")
        }

        /// What the platforms learned (Teams' address book, Matrix's sync position and rooms) moves too, once: a
        /// document the database has already is left as it is.
        static func movePlatformState(from directory: String, into database: PostgresDatabase) async throws
            -> [String]
        {
            let rows = PostgresPlatformState(database: database)
            var lines: [String] = []
            for (name, file) in [
                ("platform-addresses", "platform-addresses.json"), ("matrix", "platforms/matrix.json"),
            ] {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(file).path
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                guard (try? JSONSerialization.jsonObject(with: data)) != nil else {
                    throw CLIError.state("\(path) is not JSON; move it aside (that platform then starts from scratch)")
                }
                if try await rows.replace(name, with: Array(data), expecting: nil) != nil {
                    lines.append("platform state \(name): moved from \(path)")
                } else {
                    lines.append("platform state \(name): the database has it already; \(path) left unused")
                }
            }
            return lines
        }
    }
}
