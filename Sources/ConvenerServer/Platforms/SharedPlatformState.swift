import ConvenerStore
import Foundation
import Logging

/// A platform document in the database: read again whenever another daemon changed it, and written with the
/// generation it was read at, so two daemons' changes are both kept (the second reads again and reapplies its own).
actor SharedPlatformState<Value: Codable & Sendable>: PlatformStateDocument {
    /// The document's name (its row).
    let name: String
    private let rows: PostgresPlatformState
    private let logger: Logger
    private var value: Value
    private var generation: Int64?

    /// How often one change is reapplied when other daemons keep writing first.
    static var attempts: Int { 20 }

    /// The document `name` as stored, or `initial` when there is none yet; throws when the row does not decode.
    init(name: String, rows: PostgresPlatformState, initial: Value, logger: Logger) async throws {
        self.name = name
        self.rows = rows
        self.logger = logger
        self.value = initial
        if let version = try await rows.load(name) {
            self.value = try Self.decode(version.bytes, name: name)
            self.generation = version.generation
        }
    }

    /// The latest stored document; the last one read when the database does not answer (logged).
    func read() async -> Value {
        do {
            try await refresh()
        } catch {
            logger.warning(
                "Could not read the platform state \(name) from the database; using the last copy read",
                metadata: ["error": "\(error)"])
        }
        return value
    }

    func update(_ change: @Sendable (inout Value) -> Void) async throws {
        for _ in 0..<Self.attempts {
            var next = value
            change(&next)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let bytes = Array(try encoder.encode(next))
            if let written = try await rows.replace(name, with: bytes, expecting: generation) {
                value = next
                generation = written
                return
            }
            try await refresh()
        }
        throw SharedPlatformStateBusy(name: name, attempts: Self.attempts)
    }

    /// Reads the row again when its generation moved.
    private func refresh() async throws {
        guard let version = try await rows.load(name, unlessAt: generation) else { return }
        value = try Self.decode(version.bytes, name: name)
        generation = version.generation
    }

    private static func decode(_ bytes: [UInt8], name: String) throws -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch {
            throw PlatformStateFileError(
                path: "the platform state \(name) in the database (table convener_platform_state)",
                reason: "\(error)", remedy: "delete its row to start that platform from scratch")
        }
    }
}

/// Other daemons kept changing a platform document first.
struct SharedPlatformStateBusy: Error, CustomStringConvertible {
    let name: String
    let attempts: Int

    var description: String {
        "the platform state \(name) was changed by other daemons \(attempts) times in a row; the change was not kept"
    }
}
