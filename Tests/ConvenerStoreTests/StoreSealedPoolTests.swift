import Foundation
import Testing

@testable import ConvenerStore

/// Sealed pool files: replaced whole, sealed, durable with the journal records enqueued with them.
@Suite("Sealed pool files")
struct StoreSealedPoolTests {
    static let key = [UInt8](repeating: 7, count: 32)
    static let otherKey = [UInt8](repeating: 9, count: 32)

    @Test("A pool file round-trips, looks like random bytes of a fixed size, and refuses another key")
    func roundTrip() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let (store, _, _) = try await StateStore<StoreLogState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        let secret = Array("the thursday slot is hard for asia".utf8)
        try await store.waitUntilDurable(
            try store.enqueue([1], pools: [.replace(pool: "survey-S1", key: Self.key, plaintext: secret)]))
        let files = try StoreTestSupport.files(in: directory)
        let sealed = try #require(files["pool-survey-S1.sealed"])
        #expect(sealed.count == StoreSealedPool.minimumCapacity + 28)
        #expect(!Data(sealed).contains(Data(secret.prefix(8))))
        #expect(try await store.readSealedPool("survey-S1", key: Self.key) == secret)
        await #expect(throws: StoreError.self) { try await store.readSealedPool("survey-S1", key: Self.otherKey) }
        // A pool-only write still waits for the fsync, and needs no journal record.
        try await store.waitUntilDurable(
            try store.enqueue([], pools: [.replace(pool: "feedback", key: Self.key, plaintext: [1, 2, 3])]))
        #expect(store.sealedPools == ["feedback", "survey-S1"])
        #expect(store.lastTicket.seq == 1)
        try await store.waitUntilDurable(try store.enqueue([], pools: [.remove(pool: "survey-S1")]))
        #expect(try StoreTestSupport.files(in: directory)["pool-survey-S1.sealed"] == nil)
        #expect(throws: StoreError.self) { try store.enqueue([], pools: [.remove(pool: "../snapshot.json")]) }
        try await store.close()
        let (again, state, _) = try await StateStore<StoreLogState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        #expect(state.values == [1])
        #expect(again.sealedPools == ["feedback"])
        #expect(try await again.readSealedPool("feedback", key: Self.key) == [1, 2, 3])
        try await again.close()
    }

    @Test("Two writes of the same content share no byte pattern: every write seals anew")
    func freshNonce() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let (store, _, _) = try await StateStore<StoreLogState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        let write = SealedPoolWrite.replace(pool: "feedback", key: Self.key, plaintext: [1, 2, 3])
        try await store.waitUntilDurable(try store.enqueue([], pools: [write]))
        let first = try #require(try StoreTestSupport.files(in: directory)["pool-feedback.sealed"])
        try await store.waitUntilDurable(try store.enqueue([], pools: [write]))
        let second = try #require(try StoreTestSupport.files(in: directory)["pool-feedback.sealed"])
        #expect(first.count == second.count)
        #expect(zip(first, second).count { $0 == $1 } < first.count / 64)
        try await store.close()
    }
}

/// Power loss with pool files: every sequence of up to three pool operations, a crash after each step and at
/// every file-system operation inside them. A pool file holds the number of the journal record enqueued with it.
@Suite("Fault injection with sealed pool files")
struct StoreSealedPoolFaultTests {
    enum Operation: CaseIterable, Sendable, CustomStringConvertible {
        /// A journal record and a new pool file, acknowledged.
        case pool
        /// A journal record and a new pool file, not waited for.
        case poolUnacknowledged
        /// A journal record and the pool file's removal, acknowledged.
        case remove
        /// A snapshot.
        case compact
        /// A clean close and open.
        case reopen

        var description: String {
            switch self {
            case .pool: "pool"
            case .poolUnacknowledged: "pool-unack"
            case .remove: "remove"
            case .compact: "compact"
            case .reopen: "reopen"
            }
        }
    }

    /// The pool writes in order (the record's value, or nil for a removal), and the last acknowledged one.
    struct Ledger {
        var writes: [Int?] = [3]
        var acknowledged = 0
        var enqueued: [Int] = [1, 2, 3]
    }

    static let directory = StoreFaultInjectionTests.directory
    static let options = StoreFaultInjectionTests.options
    static let key = [UInt8](repeating: 5, count: 32)

    static let sequences: [[Operation]] = {
        var result: [[Operation]] = Operation.allCases.map { [$0] }
        var frontier = result
        for _ in 2...3 {
            frontier = frontier.flatMap { prefix in Operation.allCases.map { prefix + [$0] } }
            result += frontier
        }
        return result
    }()

    static func content(_ value: Int) -> [UInt8] { Array("\(value)".utf8) }

    /// A disk with records 1, 2, 3 and a pool file written with record 3.
    static func preparedFileSystem(seed: UInt64) async throws -> StoreFaultFileSystem {
        let fileSystem = StoreFaultFileSystem(seed: seed)
        let (store, _, _) = try await StateStore<StoreLogState>.open(
            directory: directory, options: options, fileSystem: fileSystem, logger: StoreTestSupport.logger)
        for value in 1...2 { try await store.waitUntilDurable(try store.enqueue([value])) }
        try await store.waitUntilDurable(
            try store.enqueue([3], pools: [.replace(pool: "survey-S1", key: key, plaintext: content(3))]))
        try await store.close()
        return fileSystem
    }

    static func run(_ operations: [Operation], on fileSystem: StoreFaultFileSystem, seed: Int) async -> Ledger {
        var ledger = Ledger()
        var next = seed * 1_000
        do {
            var (store, state, _) = try await StateStore<StoreLogState>.open(
                directory: directory, options: options, fileSystem: fileSystem, logger: StoreTestSupport.logger)
            for operation in operations {
                switch operation {
                case .pool, .poolUnacknowledged, .remove:
                    next += 1
                    state.apply(next)
                    ledger.enqueued.append(next)
                    let write: SealedPoolWrite =
                        operation == .remove
                        ? .remove(pool: "survey-S1") : .replace(pool: "survey-S1", key: key, plaintext: content(next))
                    ledger.writes.append(operation == .remove ? nil : next)
                    let ticket = try store.enqueue([next], pools: [write])
                    if operation != .poolUnacknowledged {
                        try await store.waitUntilDurable(ticket)
                        ledger.acknowledged = ledger.writes.count - 1
                    }
                case .compact:
                    try await store.compact(state, through: store.lastTicket)
                    ledger.acknowledged = ledger.writes.count - 1
                case .reopen:
                    try await store.close()
                    ledger.acknowledged = ledger.writes.count - 1
                    (store, state, _) = try await StateStore<StoreLogState>.open(
                        directory: directory, options: options, fileSystem: fileSystem,
                        logger: StoreTestSupport.logger)
                }
            }
        } catch {
            // The simulated crash.
        }
        return ledger
    }

    /// After a power loss the pool file opens and holds the last acknowledged write or a later one, and never a
    /// write whose journal record was lost.
    static func checkRecovery(_ fileSystem: StoreFaultFileSystem, ledger: Ledger, context: String) async {
        do {
            let (store, state, _) = try await StateStore<StoreLogState>.open(
                directory: directory, options: options, fileSystem: fileSystem, logger: StoreTestSupport.logger)
            let found = try await store.readSealedPool("survey-S1", key: key)
            let value = found.flatMap { Int(String(decoding: $0, as: UTF8.self)) }
            #expect(found == nil || value != nil, "\(context): the pool file holds garbage")
            let candidates = ledger.writes.indices.filter { index in
                index >= ledger.acknowledged && ledger.writes[index] == value
            }
            #expect(
                !candidates.isEmpty,
                "\(context): pool holds \(String(describing: value)), writes \(ledger.writes), acknowledged #\(ledger.acknowledged)"
            )
            if let value {
                #expect(state.values.contains(value), "\(context): pool file \(value) outlived its journal record")
            }
            try await store.waitUntilDurable(
                try store.enqueue([-1], pools: [.replace(pool: "survey-S1", key: key, plaintext: content(-1))]))
            try await store.close()
            let (again, _, _) = try await StateStore<StoreLogState>.open(
                directory: directory, options: options, fileSystem: fileSystem, logger: StoreTestSupport.logger)
            #expect(try await again.readSealedPool("survey-S1", key: key) == content(-1), "\(context): not writable")
            try await again.close()
        } catch {
            Issue.record("\(context): the state did not open after a power loss: \(error)")
        }
    }

    @Test("power loss after every step and at every file operation of every sequence of up to three pool operations")
    func powerLoss() async throws {
        #expect(Self.sequences.count == 155)
        var runs = 0
        for (index, operations) in Self.sequences.enumerated() {
            let probe = try await Self.preparedFileSystem(seed: 1)
            let start = probe.mutatingOperations
            _ = await Self.run(operations, on: probe, seed: index + 1)
            let count = probe.mutatingOperations - start
            for crashAt in 0...count {
                for mode in StoreFaultFileSystem.PowerLoss.allCases {
                    let fileSystem = try await Self.preparedFileSystem(seed: UInt64(index * 7_919 + crashAt))
                    if crashAt < count { fileSystem.die(afterOperations: crashAt) }
                    let ledger = await Self.run(operations, on: fileSystem, seed: index + 1)
                    fileSystem.powerLoss(mode)
                    await Self.checkRecovery(
                        fileSystem, ledger: ledger, context: "\(operations) crash at op \(crashAt) then \(mode)")
                    runs += 1
                }
            }
        }
        #expect(runs > 1_000)
    }
}
