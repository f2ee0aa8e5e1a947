import ConvenerStore
import Foundation
import Logging

/// Where this daemon keeps its platforms' documents, and who does work only one daemon may do.
enum PlatformStatePlace: Sendable {
    /// Files in the state folder: this daemon alone.
    case folder(String)
    /// Rows in the database several daemons share.
    case database(PostgresDatabase)

    /// The document `name` (in a folder: the file at `file` under it), or `initial` when there is none yet; throws
    /// when it exists but does not decode.
    func document<Value: Codable & Sendable>(
        _ name: String, file: String, initial: Value, logger: Logger
    ) async throws -> any PlatformStateDocument<Value> {
        switch self {
        case .folder(let directory):
            return try PlatformStateFile(
                path: URL(fileURLWithPath: directory).appendingPathComponent(file).path, initial: initial)
        case .database(let database):
            return try await SharedPlatformState(
                name: name, rows: PostgresPlatformState(database: database), initial: initial, logger: logger)
        }
    }

    /// Holds the lease `name` for `seconds` (see `PostgresLease`); always true in a folder, which one daemon locks.
    func lease(_ name: String) -> @Sendable (_ seconds: Int) async -> Bool {
        switch self {
        case .folder:
            return { _ in true }
        case .database(let database):
            let lease = PostgresLease(database: database, scope: "", name: name)
            return { seconds in await lease.hold(seconds: seconds) }
        }
    }
}
