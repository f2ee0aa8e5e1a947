import Foundation
import PostgresNIO
import Testing

@testable import ConvenerStore

/// What only a database shared by several daemons has to get right: optimistic appends on (community, seq),
/// catching up, pool generations, the schema's version, and moving a state folder in.
@Suite("PostgreSQL store shared by several daemons", .enabled(if: StoreBackend.databaseURL != nil))
struct PostgresSharedStoreTests {
    static let key = [UInt8](repeating: 7, count: 32)

    @Test("the second daemon to take a sequence number is refused, catches up, and appends after the first")
    func conflictThenCatchUp() async throws {
        try await StoreUnderTest.with(.postgres) { place in
            let (first, _, _) = try await place.open(StoreLogState.self)
            let (second, _, _) = try await place.open(StoreLogState.self)
            #expect(first.isShared)
            try await first.waitUntilDurable(try first.enqueue([1], pools: []))
            let refused = try second.enqueue([2], pools: [])
            await #expect {
                try await second.waitUntilDurable(refused)
            } throws: { error in
                guard case .conflict = error as? StoreError else { return false }
                return true
            }
            let found = try await second.catchUp()
            #expect(found.reset == nil)
            #expect(found.records == [[1]])
            let ticket = try second.enqueue([2], pools: [])
            #expect(ticket.seq == 2)
            try await second.waitUntilDurable(ticket)
            #expect(try await first.catchUp().records == [[2]])
            #expect(try await second.catchUp().isEmpty)
            let (_, state, _) = try await place.open(StoreLogState.self)
            #expect(state.values == [1, 2])
        }
    }

    @Test("a daemon behind a compaction starts again from the snapshot")
    func catchUpAfterCompaction() async throws {
        try await StoreUnderTest.with(.postgres) { place in
            let (first, _, _) = try await place.open(StoreLogState.self)
            let (second, _, _) = try await place.open(StoreLogState.self)
            var state = StoreLogState()
            for value in 1...3 {
                state.apply(value)
                try await first.waitUntilDurable(try first.enqueue([value], pools: []))
            }
            let (late, lateState, _) = try await place.open(StoreLogState.self)
            for value in 4...5 {
                state.apply(value)
                try await first.waitUntilDurable(try first.enqueue([value], pools: []))
            }
            try await first.compact(state, through: first.lastTicket)
            try await first.waitUntilDurable(try first.enqueue([6], pools: []))
            let found = try await second.catchUp()
            #expect(found.reset?.values == [1, 2, 3, 4, 5])
            #expect(found.records == [[6]])
            #expect(second.lastTicket.seq == 6)
            // A late compaction by a daemon that was behind never moves the snapshot back.
            try await late.compact(lateState, through: late.lastTicket)
            let (_, reopened, report) = try await place.open(StoreLogState.self)
            #expect(reopened.values == [1, 2, 3, 4, 5, 6])
            #expect(report.snapshotSeq == 5)
        }
    }

    @Test("a pool written by another daemon since is never overwritten: the write is refused and the pool caught up")
    func poolGenerations() async throws {
        try await StoreUnderTest.with(.postgres) { place in
            let (first, _, _) = try await place.open(StoreLogState.self)
            let (second, _, _) = try await place.open(StoreLogState.self)
            try await first.waitUntilDurable(
                try first.enqueue([], pools: [.replace(pool: "feedback", key: Self.key, plaintext: [1])]))
            let stale = try second.enqueue([], pools: [.replace(pool: "feedback", key: Self.key, plaintext: [2])])
            await #expect(throws: StoreError.self) { try await second.waitUntilDurable(stale) }
            let found = try await second.catchUp()
            #expect(found.pools.map(\.pool) == ["feedback"])
            #expect(try found.pools.first?.open(key: Self.key) == [1])
            try await second.waitUntilDurable(
                try second.enqueue([], pools: [.replace(pool: "feedback", key: Self.key, plaintext: [1, 2])]))
            #expect(try await first.readSealedPool("feedback", key: Self.key) == [1, 2])
            let caught = try await first.catchUp()
            #expect(try caught.pools.first?.open(key: Self.key) == [1, 2])
            try await first.waitUntilDurable(try first.enqueue([], pools: [.remove(pool: "feedback")]))
            #expect(try await second.catchUp().pools.map { try $0.open(key: Self.key) } == [nil])
        }
    }

    @Test("a state folder moves into the database with its sealed pools, verified, and only once")
    func migrateFolder() async throws {
        try await StoreUnderTest.with(.postgres) { place in
            let (folder, _, _) = try await StateStore<StoreTestState>.open(
                directory: place.directory, logger: StoreTestSupport.logger)
            for change in StoreTestSupport.sampleChanges {
                _ = try folder.enqueue([change], pools: [])
            }
            try await folder.waitUntilDurable(
                try folder.enqueue([], pools: [.replace(pool: "survey-S1", key: Self.key, plaintext: [4, 2])]))
            try await folder.close()
            let database = try #require(place.database)
            let moved = try await PostgresStateTools.migrate(
                directory: place.directory, community: place.community, database: database, as: StoreTestState.self)
            #expect(moved.seq == 6)
            #expect(moved.pools == ["survey-S1"])
            #expect(moved.verified.lastSeq == 6)
            let (store, state, _) = try await place.open(StoreTestState.self)
            #expect(state == StoreTestSupport.replay(StoreTestSupport.sampleChanges))
            #expect(try await store.readSealedPool("survey-S1", key: Self.key) == [4, 2])
            await #expect {
                _ = try await PostgresStateTools.migrate(
                    directory: place.directory, community: place.community, database: database,
                    as: StoreTestState.self)
            } throws: { error in
                guard case .communityExists = error as? StoreError else { return false }
                return true
            }
        }
    }

    @Test("the schema is created once by daemons starting together, and a newer schema is refused")
    func schemaVersion() async throws {
        let base = try #require(StoreBackend.databaseURL)
        let name = "schema_\(UUID().uuidString.prefix(8).lowercased())"
        try await StoreUnderTest.withDatabase { database in
            try await database.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        let url = String(base[..<(base.lastIndex(of: "/") ?? base.endIndex)]) + "/" + name
        try await StoreUnderTest.withDatabase(url: url, prepare: false) { database in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { try await database.prepareSchema() } }
                try await group.waitForAll()
            }
            var version = 0
            for try await found in try await database.client.query("SELECT version FROM convener_schema").decode(
                Int.self)
            {
                version = found
            }
            #expect(version == PostgresSchema.version)
            try await database.client.query("UPDATE convener_schema SET version = 99")
            await #expect {
                try await database.prepareSchema()
            } throws: { error in
                guard case .newerSchema(_, 99, PostgresSchema.version) = error as? StoreError else { return false }
                return true
            }
        }
    }
}
