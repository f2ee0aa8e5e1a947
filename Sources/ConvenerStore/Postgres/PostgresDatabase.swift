import Logging
import PostgresNIO

/// The PostgreSQL database the communities' state lives in: a connection pool, and the schema it keeps current.
///
/// The pool runs in a task of its own (`run()`), which the daemon starts beside its services; `with(…)` does the
/// same around a one-off job such as `convener state export`.
public final class PostgresDatabase: Sendable {
    /// How it was reached.
    public let settings: PostgresSettings
    let client: PostgresClient
    /// Convener's own messages about the database.
    let logger: Logger
    /// What PostgresNIO may log per query: warnings and errors only, since a query's debug lines carry its
    /// parameters, which may be journal records.
    let queryLogger: Logger

    /// A pool for `settings`; nothing connects before `run()`.
    public init(settings: PostgresSettings, logger: Logger) throws {
        self.settings = settings
        self.logger = logger
        var quiet = logger
        // The pool also reports every failed connection attempt; a database restart should not flood the log.
        quiet.logLevel = max(logger.logLevel, .warning)
        self.queryLogger = quiet
        self.client = PostgresClient(configuration: try settings.clientConfiguration(), backgroundLogger: quiet)
    }

    /// Runs the connection pool until the task is cancelled.
    public func run() async {
        await client.run()
    }

    /// Runs `body` while the pool runs, then stops the pool.
    public static func with<T: Sendable>(
        _ settings: PostgresSettings, logger: Logger, _ body: @Sendable (PostgresDatabase) async throws -> T
    ) async throws -> T {
        let database = try PostgresDatabase(settings: settings, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await database.run() }
            defer { group.cancelAll() }
            return try await body(database)
        }
    }

    /// Creates the tables, or upgrades them, to the schema this build writes; several daemons starting at once
    /// take turns (a transaction-scoped lock, which poolers in transaction mode keep).
    public func prepareSchema() async throws {
        try await PostgresSchema.prepare(in: self)
        logger.debug("PostgreSQL schema at \(settings.redactedURL) is at version \(PostgresSchema.version)")
    }

    /// True when a trivial query answers within `seconds`.
    public func isReachable(within seconds: Int = 2) async -> Bool {
        (try? await withDeadline("checking the database", seconds: seconds) { try await $0.query("SELECT 1") }) != nil
    }

    /// The communities that have state in the database.
    public func communities() async throws -> [String] {
        try await run("listing the communities") { session in
            try await session.query(
                "SELECT community FROM convener_snapshots UNION SELECT community FROM convener_journal ORDER BY 1"
            ).map { try $0.decode(String.self) }
        }
    }

    /// Runs `body`, turning a database failure into `StoreError.database` with what was being done.
    func run<T: Sendable>(
        _ what: String, deadline: Int? = nil, _ body: @escaping @Sendable (DatabaseSession) async throws -> T
    ) async throws -> T {
        do {
            return try await withDeadline(what, seconds: deadline, body)
        } catch {
            if let error = error as? StoreError { throw error }
            throw StoreError.database(doing: what, reason: Self.describe(error))
        }
    }

    /// Runs `body` with a session on a pooled connection, giving up after `seconds` (default: the connect timeout
    /// and one second, so a request waits no longer than that for a database that went away) with
    /// `StoreError.database`; other errors pass through. Giving up cancels `body`, which ends at once: waiting for a
    /// connection is cancellable, and a session closes its connection when its query is cancelled.
    func withDeadline<T: Sendable>(
        _ what: String, seconds: Int? = nil, _ body: @escaping @Sendable (DatabaseSession) async throws -> T
    ) async throws -> T {
        let limit = seconds ?? settings.connectTimeoutSeconds + 1
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await self.withSession(body) }
            group.addTask {
                try await Task.sleep(for: .seconds(limit))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw StoreError.database(doing: what, reason: "no answer within \(limit) s")
            }
            return value
        }
    }

    /// Runs `body` with a session on a connection of the pool, waiting as long as it takes for one.
    func withSession<T: Sendable>(_ body: (DatabaseSession) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(DatabaseSession(connection: connection, logger: queryLogger))
        }
    }

    /// A database error's message and SQLSTATE (PostgresNIO keeps them out of `description`).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        var text = error.serverInfo?[.message] ?? "\(error.code)"
        if let state = error.serverInfo?[.sqlState] { text += " (SQLSTATE \(state))" }
        if error.serverInfo == nil, let underlying = error.underlying { text += ": \(underlying)" }
        return text
    }

    /// Whether `error` is the database refusing a duplicate key.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }
}
