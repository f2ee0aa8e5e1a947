import Foundation
import Logging

@testable import ConvenerStore

/// The backends the store's conformance suite runs against: JSON files always, PostgreSQL when
/// `CONVENER_TEST_DATABASE_URL` names a throwaway database (scripts/test starts one, so CI never skips it).
enum StoreBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case json
    case postgres

    var description: String { rawValue }

    /// The test database's URL, when one is set.
    static var databaseURL: String? {
        ProcessInfo.processInfo.environment["CONVENER_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The backends available here.
    static var available: [StoreBackend] {
        databaseURL == nil ? [.json] : [.json, .postgres]
    }
}

/// A fresh place for one test's state, on one backend: a temp folder, or a community of its own in the test
/// database (so tests running side by side never see each other's rows).
struct StoreUnderTest: Sendable {
    let backend: StoreBackend
    let directory: String
    let community: String
    let database: PostgresDatabase?

    /// Runs `body` with a fresh place on `backend`, then removes the folder (rows are left to the throwaway cluster).
    static func with(
        _ backend: StoreBackend, _ body: @Sendable (StoreUnderTest) async throws -> Void
    ) async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let community = "test-\(UUID().uuidString.prefix(8).lowercased())"
        switch backend {
        case .json:
            try await body(StoreUnderTest(backend: backend, directory: directory, community: community, database: nil))
        case .postgres:
            try await withDatabase { database in
                try await body(
                    StoreUnderTest(backend: backend, directory: directory, community: community, database: database))
            }
        }
    }

    /// Runs `body` with the test database's pool running and the schema prepared.
    @discardableResult
    static func withDatabase<T: Sendable>(
        url: String? = nil, prepare: Bool = true, _ body: @Sendable (PostgresDatabase) async throws -> T
    ) async throws -> T {
        guard let url = url ?? StoreBackend.databaseURL else {
            throw StoreError.invalidDatabaseURL(url: "(none)", reason: "CONVENER_TEST_DATABASE_URL is not set")
        }
        return try await PostgresDatabase.with(
            PostgresSettings(url: url.contains("?") ? url : url + "?sslmode=disable", poolSize: 4),
            logger: StoreTestSupport.logger
        ) { database in
            if prepare { try await database.prepareSchema() }
            return try await body(database)
        }
    }

    /// Opens the store (creating an empty state on first use).
    func open<State: PersistentState>(
        _ type: State.Type
    ) async throws -> (store: any StateStoring<State>, state: State, report: RecoveryReport) {
        if let database {
            let opened = try await PostgresStateStore<State>.open(
                community: community, database: database, compactionRecords: 20)
            return (opened.store, opened.state, opened.recovery)
        }
        let opened = try await StateStore<State>.open(
            directory: directory, options: StoreTestSupport.smallOptions(), logger: StoreTestSupport.logger)
        return (opened.store, opened.state, opened.recovery)
    }

    /// The verify report of what is stored.
    func verify<State: PersistentState>(_ type: State.Type) async throws -> VerifyReport {
        if let database {
            return try await PostgresStateTools.verify(community: community, database: database, as: State.self)
        }
        return try StateStoreTools.verify(directory: directory, as: State.self)
    }

    /// The export document of what is stored.
    func export<State: PersistentState>(_ type: State.Type) async throws -> Data {
        if let database {
            return try await PostgresStateTools.export(community: community, database: database, as: State.self)
        }
        return try StateStoreTools.export(directory: directory, as: State.self)
    }

    /// Imports an export document into this (empty) place.
    func importState<State: PersistentState>(_ data: Data, as type: State.Type) async throws {
        if let database {
            try await PostgresStateTools.importState(data, community: community, database: database, as: State.self)
        } else {
            try StateStoreTools.importState(data, into: directory, as: State.self)
        }
    }

    /// Another fresh place on the same backend and database.
    func sibling() throws -> StoreUnderTest {
        StoreUnderTest(
            backend: backend, directory: try StoreTestSupport.temporaryDirectory() + "/sibling",
            community: "test-\(UUID().uuidString.prefix(8).lowercased())", database: database)
    }
}
