import Foundation
import PostgresNIO
import Synchronization
import Testing

@testable import ConvenerStore

@Suite("Journal notices")
struct JournalNoticeTests {
    @Test("a notice's payload carries the sequence number first and the community whole, spaces included")
    func payload() {
        let notice = JournalNotice(community: "my community", seq: 42)
        #expect(notice.payload == "42 my community")
        #expect(JournalNotice(payload: notice.payload) == notice)
        #expect(JournalNotice(payload: "not-a-number cop") == nil)
        #expect(JournalNotice(payload: "7 ") == nil)
        #expect(JournalNotice(payload: "cop") == nil)
    }
}

/// What several daemons share besides the journal: commit notices, fenced leases and platform documents.
@Suite("PostgreSQL sharing between daemons", .enabled(if: StoreBackend.databaseURL != nil))
struct PostgresSharingTests {
    @Test("a commit notifies every follower after it is durable, with its community and last sequence number")
    func commitNotifies() async throws {
        try await StoreUnderTest.with(.postgres) { place in
            let database = try #require(place.database)
            let (store, _, _) = try await place.open(StoreLogState.self)
            let received = NoticeLog()
            let (listening, started) = AsyncStream<Void>.makeStream()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await database.followJournal(
                        listening: { started.yield() },
                        notice: { notice in
                            guard notice.community == place.community else { return }
                            received.notices.withLock { $0.append(notice) }
                        })
                }
                for await _ in listening { break }
                try await store.waitUntilDurable(try store.enqueue([1], pools: []))
                _ = try store.enqueue([2], pools: [])
                try await store.waitUntilDurable(try store.enqueue([3], pools: []))
                // Another daemon reading on notice finds what the notice announced.
                let deadline = ContinuousClock.now + .seconds(10)
                while received.notices.withLock({ $0.count }) < 1 && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                while received.notices.withLock({ $0.last?.seq ?? 0 }) < 3 && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                group.cancelAll()
            }
            let notices = received.notices.withLock { $0 }
            #expect(notices.last == JournalNotice(community: place.community, seq: 3))
            #expect(notices.map(\.seq) == notices.map(\.seq).sorted())
            let (_, state, _) = try await place.open(StoreLogState.self)
            #expect(state.values == [1, 2, 3])
        }
    }

    @Test("a lease is held by one daemon at a time, renewed only by its holder, and taken over once it expires")
    func fencedLease() async throws {
        try await StoreUnderTest.withDatabase { database in
            let name = "test.\(UUID().uuidString.prefix(8))"
            let first = PostgresLease(database: database, scope: "", name: name)
            let second = PostgresLease(database: database, scope: "", name: name)
            #expect(await first.hold(seconds: 1))
            #expect(await second.hold(seconds: 1) == false)
            #expect(await first.hold(seconds: 1))
            try await Task.sleep(for: .milliseconds(1_300))
            #expect(await second.hold(seconds: 30))
            // The former holder paused past its lease: it cannot renew over the new one.
            #expect(await first.hold(seconds: 30) == false)
            #expect(await second.hold(seconds: 30))
        }
    }

    @Test("a platform document is replaced only at the generation its writer read")
    func platformDocument() async throws {
        try await StoreUnderTest.withDatabase { database in
            let rows = PostgresPlatformState(database: database)
            let name = "test.\(UUID().uuidString.prefix(8))"
            #expect(try await rows.load(name) == nil)
            let first = try #require(try await rows.replace(name, with: Array("a".utf8), expecting: nil))
            // A second daemon creating it too is refused, and so is one writing over a generation it did not read.
            #expect(try await rows.replace(name, with: Array("b".utf8), expecting: nil) == nil)
            let second = try #require(try await rows.replace(name, with: Array("c".utf8), expecting: first))
            #expect(try await rows.replace(name, with: Array("d".utf8), expecting: first) == nil)
            #expect(try await rows.load(name, unlessAt: second) == nil)
            let latest = try #require(try await rows.load(name, unlessAt: first))
            #expect(latest.bytes == Array("c".utf8) && latest.generation == second)
        }
    }

    @Test("a database at schema version 1 is upgraded to 2, which adds the platform state table")
    func upgradeFromVersionOne() async throws {
        let base = try #require(StoreBackend.databaseURL)
        let name = "upgrade_\(UUID().uuidString.prefix(8).lowercased())"
        try await StoreUnderTest.withDatabase { database in
            try await database.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        let url = String(base[..<(base.lastIndex(of: "/") ?? base.endIndex)]) + "/" + name
        try await StoreUnderTest.withDatabase(url: url, prepare: false) { database in
            // What a version-1 daemon left: its tables and its version.
            try await database.client.withTransaction(logger: StoreTestSupport.logger) { connection in
                try await connection.query(
                    "CREATE TABLE convener_schema (singleton boolean PRIMARY KEY DEFAULT true, version integer NOT NULL)",
                    logger: StoreTestSupport.logger)
                for statement in PostgresSchema.migrations[0] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: StoreTestSupport.logger)
                }
                try await connection.query(
                    "INSERT INTO convener_schema VALUES (true, 1)", logger: StoreTestSupport.logger)
            }
            try await database.prepareSchema()
            var version = 0
            for try await found in try await database.client.query("SELECT version FROM convener_schema").decode(
                Int.self)
            {
                version = found
            }
            #expect(version == 2)
            let rows = PostgresPlatformState(database: database)
            #expect(try await rows.replace("matrix", with: Array("{}".utf8), expecting: nil) == 1)
        }
    }
}

/// The notices a follower received, shared with the test.
private final class NoticeLog: Sendable {
    let notices = Mutex<[JournalNotice]>([])
}
