import Foundation
import PostgresNIO
import Testing

@testable import ConvenerStore

/// A session never leaves its caller waiting on a connection that is gone; each test would hang, and hit its time
/// limit, without it.
@Suite("Database sessions", .enabled(if: StoreBackend.databaseURL != nil), .timeLimit(.minutes(1)))
struct DatabaseSessionTests {
    /// How long the pool may take to answer again on a fresh connection. The daemon's health check allows 2 s, but
    /// opening a connection while the whole suite runs in parallel on 2 cores once took longer in CI. These tests ask
    /// whether the pool recovers, which a pool stuck behind the 50 s query or the dead connection would not in 10 s.
    private static let recovery = 10

    @Test("a query on a connection the server has closed fails at once")
    func closedByServer() async throws {
        try await StoreUnderTest.withDatabase(prepare: false) { database in
            try await database.withSession { session in
                let backend = try #require(try await session.query("SELECT pg_backend_pid()").first?.decode(Int32.self))
                _ = try await database.withSession { other in
                    try await other.query("SELECT pg_terminate_backend(\(backend))")
                }
                // PostgresNIO's own query would now wait forever: the channel is closed and the write goes nowhere.
                try? await session.connection.closeFuture.get()
                await #expect(throws: DatabaseConnectionClosed.self) { try await session.query("SELECT 1") }
            }
            #expect(await database.isReachable(within: Self.recovery))
        }
    }

    @Test("a deadline ends a query the database is still running, and the pool replaces the connection")
    func deadlineEndsAQuery() async throws {
        try await StoreUnderTest.withDatabase(prepare: false) { database in
            let error = await #expect(throws: StoreError.self) {
                try await database.run("sleeping", deadline: 1) { session in
                    try await session.query("SELECT pg_sleep(50)")
                }
            }
            #expect(error?.description.contains("sleeping") == true)
            #expect(error?.description.contains("no answer within 1 s") == true)
            #expect(await database.isReachable(within: Self.recovery))
        }
    }

    @Test("a transaction commits what its body wrote and rolls back what a failing body wrote")
    func transaction() async throws {
        let table = "session_test_\(UUID().uuidString.prefix(8).lowercased())"
        try await StoreUnderTest.withDatabase(prepare: false) { database in
            try await database.withSession { session in
                try await session.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (value integer)"))
                _ = try await session.transaction { session in
                    try await session.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) VALUES (1)"))
                }
                await #expect(throws: SessionTestFailure.self) {
                    try await session.transaction { session in
                        try await session.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) VALUES (2)"))
                        throw SessionTestFailure()
                    }
                }
                let values = try await session.query(PostgresQuery(unsafeSQL: "SELECT value FROM \(table)"))
                    .map { try $0.decode(Int.self) }
                #expect(values == [1])
                try await session.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"))
            }
        }
    }
}

private struct SessionTestFailure: Error {}
