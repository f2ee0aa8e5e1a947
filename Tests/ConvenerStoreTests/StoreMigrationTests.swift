import Foundation
import Testing

@testable import ConvenerStore

/// Version 2 of the test state: members carry a tier. Used to exercise a migration from the v1 fixture.
struct StoreTestStateV2: PersistentState, Equatable {
    struct Member: Codable, Sendable, Equatable {
        var name: String
        var tier: String
    }

    enum Change: Codable, Sendable, Equatable {
        case join(member: String, name: String, tier: String)
        case leave(member: String)
        case openPoll(id: String, question: String)
        case vote(poll: String, member: String, option: Int)
    }

    var members: [String: Member] = [:]
    var polls: [String: StoreTestState.Poll] = [:]

    static let formatVersion = 2
    static let migrations: [StateMigration] = [
        StateMigration(
            fromVersion: 1,
            migrateState: { state in
                var state = state
                guard case .object(let members)? = state["members"] else { return state }
                state["members"] = .object(
                    members.mapValues { .object(["name": $0, "tier": .string("peripheral")]) })
                return state
            },
            migrateChange: { change in
                guard var join = change["join"] else { return change }
                join["tier"] = .string("peripheral")
                return .object(["join": join])
            }
        )
    ]

    init() {}

    mutating func apply(_ change: Change) {
        switch change {
        case .join(let member, let name, let tier): members[member] = Member(name: name, tier: tier)
        case .leave(let member): members[member] = nil
        case .openPoll(let id, let question): polls[id] = StoreTestState.Poll(question: question)
        case .vote(let poll, let member, let option): polls[poll]?.votes[member] = option
        }
    }
}

@Suite("Golden fixtures and migrations")
struct StoreMigrationTests {
    static let fixtureFiles = ["snapshot.json", "journal-00000000000000000004.jsonl"]

    /// `Tests/ConvenerStoreTests/Fixtures/v1`, found from this file's path (fixtures are not resources).
    static var fixtureDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/v1")
    }

    /// The state the v1 fixture holds.
    static let fixtureState: StoreTestState = StoreTestSupport.replay([
        .join(member: "alice", name: "Alice"), .join(member: "bob", name: "Bob"),
        .openPoll(id: "P1", question: "Lunch?"), .vote(poll: "P1", member: "alice", option: 0),
        .vote(poll: "P1", member: "bob", option: 1), .join(member: "carol", name: "Carol"),
    ])

    /// Writes the v1 fixture folder with today's code: snapshot at seq 3, records 4 and 5 in the journal.
    private static func writeFixtureFolder(_ directory: String) async throws {
        let (store, _, _) = try await StateStore<StoreTestState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        var state = StoreTestState()
        for batch: [StoreTestState.Change] in [
            [.join(member: "alice", name: "Alice"), .join(member: "bob", name: "Bob")],
            [.openPoll(id: "P1", question: "Lunch?")], [.vote(poll: "P1", member: "alice", option: 0)],
        ] {
            for change in batch { state.apply(change) }
            try await store.waitUntilDurable(try store.enqueue(batch))
        }
        try await store.compact(state, through: store.lastTicket)
        _ = try store.enqueue([.vote(poll: "P1", member: "bob", option: 1)])
        _ = try store.enqueue([.join(member: "carol", name: "Carol")])
        try await store.close()
    }

    /// A temporary folder holding a copy of the v1 fixture.
    private static func copyOfFixture() throws -> String {
        let directory = try StoreTestSupport.temporaryDirectory()
        for name in fixtureFiles {
            try FileManager.default.copyItem(
                atPath: fixtureDirectory.appendingPathComponent(name).path, toPath: directory + "/" + name)
        }
        return directory
    }

    @Test("today's writer still produces the v1 fixture byte for byte")
    func writerMatchesGoldenV1() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        try await Self.writeFixtureFolder(directory)
        let written = try StoreTestSupport.files(in: directory)
        if ProcessInfo.processInfo.environment["CONVENER_REGENERATE_FIXTURES"] == "1" {
            try FileManager.default.createDirectory(at: Self.fixtureDirectory, withIntermediateDirectories: true)
            for name in Self.fixtureFiles {
                try Data(try #require(written[name])).write(to: Self.fixtureDirectory.appendingPathComponent(name))
            }
        }
        for name in Self.fixtureFiles {
            let golden = Array(try Data(contentsOf: Self.fixtureDirectory.appendingPathComponent(name)))
            #expect(written[name] == golden, "\(name) differs from the golden v1 fixture")
        }
    }

    @Test("the v1 fixture opens as v1")
    func fixtureOpensAsV1() async throws {
        let directory = try Self.copyOfFixture()
        defer { StoreTestSupport.remove(directory) }
        let verified = try StateStoreTools.verify(directory: directory, as: StoreTestState.self)
        #expect(verified.snapshotSeq == 3)
        #expect(verified.lastSeq == 5)
        let (store, state, report) = try await StateStore<StoreTestState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        #expect(state == Self.fixtureState)
        #expect(report.migratedFromVersion == nil)
        try await store.close()
    }

    @Test("the v1 fixture migrates to v2: snapshot and journal records both")
    func fixtureMigratesToV2() async throws {
        let directory = try Self.copyOfFixture()
        defer { StoreTestSupport.remove(directory) }
        let (store, state, report) = try await StateStore<StoreTestStateV2>.open(
            directory: directory, logger: StoreTestSupport.logger)
        #expect(report.migratedFromVersion == 1)
        #expect(state.members["alice"] == .init(name: "Alice", tier: "peripheral"))
        #expect(state.members["carol"] == .init(name: "Carol", tier: "peripheral"))
        #expect(state.members.count == 3)
        #expect(state.polls == Self.fixtureState.polls)
        var updated = state
        updated.apply(.join(member: "dan", name: "Dan", tier: "core"))
        try await store.waitUntilDurable(try store.enqueue([.join(member: "dan", name: "Dan", tier: "core")]))
        try await store.close()

        // Mixed versions in one folder replay fine; after compaction everything is v2.
        let (again, reopened, _) = try await StateStore<StoreTestStateV2>.open(
            directory: directory, logger: StoreTestSupport.logger)
        #expect(reopened == updated)
        try await again.compact(reopened, through: again.lastTicket)
        try await again.close()
        let snapshot = try String(contentsOfFile: directory + "/snapshot.json", encoding: .utf8)
        #expect(snapshot.hasPrefix("{\"formatVersion\":2,\"seq\":6,"))

        // And v1 code now refuses the folder instead of misreading it.
        await #expect {
            _ = try await StateStore<StoreTestState>.open(directory: directory, logger: StoreTestSupport.logger)
        } throws: { error in
            guard case .newerFormat(_, _, 2, 1)? = error as? StoreError else { return false }
            return true
        }
    }

    @Test("a v1 export imports into v2")
    func importMigrates() async throws {
        let source = try Self.copyOfFixture()
        let target = try StoreTestSupport.temporaryDirectory()
        defer {
            StoreTestSupport.remove(source)
            StoreTestSupport.remove(target)
        }
        let exported = try StateStoreTools.export(directory: source, as: StoreTestState.self)
        try StateStoreTools.importState(exported, into: target + "/v2", as: StoreTestStateV2.self)
        let verified = try StateStoreTools.verify(directory: target + "/v2", as: StoreTestStateV2.self)
        #expect(verified.snapshotFormatVersion == 2)
        #expect(verified.snapshotSeq == 5)
    }

    @Test("migrations that do not chain are rejected")
    func brokenMigrationChain() {
        struct Broken: PersistentState {
            static let formatVersion = 3
            static let migrations = [StateMigration(fromVersion: 1, migrateState: { $0 }, migrateChange: { $0 })]
            init() {}
            mutating func apply(_ change: Int) {}
        }
        #expect(throws: StoreError.self) { try StoreMigrator.validate(Broken.self) }
    }
}
