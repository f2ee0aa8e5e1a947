import Foundation
import Logging

/// What platforms learned from verified requests and need to reach a place later: for Teams, the connector each
/// conversation lives on and each member's 1:1 conversation. Shared by the routes (which learn) and the deliveries
/// (which read), kept by platform and key, and written to one JSON file in the state folder on every change, so a
/// restart does not forget how to reach a member. When the state lives in PostgreSQL the book is the
/// `platform-addresses` row every daemon shares instead: a member reached through one daemon can be reached by
/// whichever delivers the next message.
///
/// Only requests that passed verification are remembered, so no forged request can redirect deliveries.
public actor PlatformAddressBook {
    /// One platform's entries: key → values.
    typealias Entries = [String: [String: String]]

    private let file: URL?
    private let shared: (any PlatformStateDocument<[String: Entries]>)?
    private let logger: Logger
    private var platforms: [String: Entries]

    /// The book of this daemon: the file `platform-addresses.json` in a state folder, or the shared row.
    static func kept(in place: PlatformStatePlace, logger: Logger) async throws -> PlatformAddressBook {
        switch place {
        case .folder(let directory):
            return PlatformAddressBook(
                file: URL(fileURLWithPath: directory).appendingPathComponent("platform-addresses.json"), logger: logger)
        case .database:
            let document = try await place.document(
                "platform-addresses", file: "platform-addresses.json", initial: [String: Entries](), logger: logger)
            return PlatformAddressBook(shared: document, logger: logger)
        }
    }

    private init(shared: any PlatformStateDocument<[String: Entries]>, logger: Logger) {
        self.file = nil
        self.shared = shared
        self.logger = logger
        self.platforms = [:]
    }

    /// A book kept in `file` (read now, when it exists), or in memory only without one.
    public init(file: URL?, logger: Logger) {
        self.file = file
        self.shared = nil
        self.logger = logger
        var loaded: [String: Entries] = [:]
        if let file, let data = try? Data(contentsOf: file) {
            do {
                loaded = try JSONDecoder().decode([String: Entries].self, from: data)
            } catch {
                logger.warning(
                    "The platform address book is unreadable; it starts empty",
                    metadata: ["file": "\(file.path)", "error": "\(error)"])
            }
        }
        platforms = loaded
    }

    /// The values kept under `key` for `platform`.
    func entry(_ platform: String, _ key: String) async -> [String: String]? {
        if let shared { return await shared.read()[platform]?[key] }
        return platforms[platform]?[key]
    }

    /// Keeps `values` under `key` for `platform`, merged over what was kept; written out when something changed.
    func remember(_ platform: String, _ key: String, _ values: [String: String]) async {
        if let shared {
            let old = await shared.read()[platform]?[key] ?? [:]
            guard old.merging(values, uniquingKeysWith: { _, fresh in fresh }) != old else { return }
            do {
                try await shared.update { book in
                    book[platform, default: [:]][key, default: [:]].merge(values) { _, fresh in fresh }
                }
            } catch {
                logger.error("The shared platform address book could not be written", metadata: ["error": "\(error)"])
            }
            return
        }
        let old = platforms[platform]?[key] ?? [:]
        let new = old.merging(values) { _, fresh in fresh }
        guard new != old else { return }
        platforms[platform, default: [:]][key] = new
        save()
    }

    private func save() {
        guard let file else { return }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoder.encode(platforms).write(to: file, options: .atomic)
        } catch {
            logger.error(
                "The platform address book could not be written",
                metadata: ["file": "\(file.path)", "error": "\(error)"])
        }
    }
}
