import Foundation
import Logging

@testable import ConvenerStore

/// Shared helpers for the store tests.
enum StoreTestSupport {
    /// A logger that drops everything.
    static let logger = Logger(label: "convener.store.tests") { _ in SwiftLogNoOpLogHandler() }

    /// A new empty folder under the system's temp folder.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("convener-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Removes a folder made by `temporaryDirectory`.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Every file of a folder with its bytes.
    static func files(in directory: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            result[name] = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        }
        return result
    }

    /// The journal segment names of a folder, oldest first.
    static func segments(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("journal-") }.sorted()
    }

    /// Options with tiny segments so rotation and compaction happen in small tests.
    static func smallOptions() -> StateStoreOptions {
        StateStoreOptions(segmentMaxBytes: 300, compactionBytes: 2_000, compactionRecords: 20)
    }

    /// Writes a folder with `records` journal records of the test state (one change each) and closes it.
    static func writeJournal(
        _ directory: String, changes: [StoreTestState.Change], options: StateStoreOptions = .init()
    ) async throws {
        let (store, _, _) = try await StateStore<StoreTestState>.open(
            directory: directory, options: options, logger: logger)
        for change in changes {
            let ticket = try store.enqueue([change])
            try await store.waitUntilDurable(ticket)
        }
        try await store.close()
    }

    /// A few changes that touch every case.
    static let sampleChanges: [StoreTestState.Change] = [
        .join(member: "alice", name: "Alice"),
        .join(member: "bob", name: "Bob \"B\" Ñandú\n"),
        .openPoll(id: "P1", question: "Lunch?"),
        .vote(poll: "P1", member: "alice", option: 0),
        .vote(poll: "P1", member: "bob", option: 1),
        .leave(member: "bob"),
    ]

    /// The state after applying `changes` to the empty state.
    static func replay(_ changes: [StoreTestState.Change]) -> StoreTestState {
        var state = StoreTestState()
        for change in changes { state.apply(change) }
        return state
    }
}
