import Logging
import NIOCore
import PostgresNIO

/// One pooled connection lent to Convener's statements; every query Convener sends goes through one.
///
/// PostgresNIO 1.33.2 hands a query to the connection's channel without asking whether the write got through. When
/// the server has just closed the connection (a database restart between two statements of a transaction), the
/// query is dropped and its caller waits forever; cancelling the task does not end the wait. A request would then
/// outlive its deadline and hold its community until the process is killed (the acceptance test that restarts the
/// database hung this way in 6 of 56 runs). A session writes each query from the connection's event loop, and
/// only while the channel is active, so the connection's own handler always receives it and fails it when the
/// connection closes. Cancelling a query closes the connection, which fails the query in flight: a database host
/// that vanished without closing the TCP connection would otherwise hold it for the kernel's retransmission timeout.
struct DatabaseSession: Sendable {
    let connection: PostgresConnection
    /// What PostgresNIO may log per query (see `PostgresDatabase.queryLogger`).
    let logger: Logger

    /// Runs `query` and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresQueryResult {
        let connection = self.connection
        let logger = self.logger
        let answer = connection.eventLoop.flatSubmit { () -> EventLoopFuture<PostgresQueryResult> in
            guard !connection.isClosed else {
                return connection.eventLoop.makeFailedFuture(DatabaseConnectionClosed())
            }
            return connection.query(query, logger: logger)
        }
        return try await withTaskCancellationHandler {
            try await answer.get()
        } onCancel: {
            let _: EventLoopFuture<Void> = connection.close()
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: (DatabaseSession) async throws -> T) async throws -> T {
        try await query("BEGIN")
        let value: T
        do {
            value = try await body(self)
        } catch {
            // A connection that broke has no transaction left to roll back; the error that broke it matters.
            _ = try? await query("ROLLBACK")
            throw error
        }
        try await query("COMMIT")
        return value
    }
}

/// The connection closed before a query could be sent on it.
struct DatabaseConnectionClosed: Error, CustomStringConvertible {
    var description: String { "the connection to the database closed" }
}
