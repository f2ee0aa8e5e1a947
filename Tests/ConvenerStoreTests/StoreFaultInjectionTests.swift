import Testing

@testable import ConvenerStore

/// Power-loss simulation: every sequence of up to three operations, with a crash after each step and at
/// every file-system operation inside the steps.
@Suite("Fault injection")
struct StoreFaultInjectionTests {
    /// One step of a sequence.
    enum Operation: CaseIterable, Sendable, CustomStringConvertible {
        /// Enqueue one change and wait until durable (acknowledged).
        case acknowledged
        /// Enqueue one change without waiting (may or may not survive).
        case unacknowledged
        /// Five concurrent writers, all acknowledged through shared fsyncs.
        case groupCommit
        /// Write a snapshot and drop covered segments.
        case compact
        /// Close cleanly and open again.
        case reopen

        var description: String {
            switch self {
            case .acknowledged: "ack"
            case .unacknowledged: "unack"
            case .groupCommit: "group"
            case .compact: "compact"
            case .reopen: "reopen"
            }
        }
    }

    /// What a run enqueued and which of it was acknowledged.
    struct Ledger {
        var enqueued: [Int] = []
        var acknowledged: Set<Int> = []
    }

    static let directory = "/community"
    static let options = StateStoreOptions(segmentMaxBytes: 120, compactionBytes: 1 << 20, compactionRecords: 1_000)

    static let sequences: [[Operation]] = {
        var result: [[Operation]] = Operation.allCases.map { [$0] }
        var frontier = result
        for _ in 2...3 {
            frontier = frontier.flatMap { prefix in Operation.allCases.map { prefix + [$0] } }
            result += frontier
        }
        return result
    }()

    /// Runs the steps until the file system dies; returns the ledger.
    static func run(
        _ operations: [Operation], on fileSystem: StoreFaultFileSystem, seed: Int
    ) async -> Ledger {
        // The prepared disk already holds 1, 2, 3, acknowledged.
        var ledger = Ledger(enqueued: [1, 2, 3], acknowledged: [1, 2, 3])
        var next = seed * 1_000
        do {
            // Some history first, so compaction and recovery have segments to work on.
            var (store, state, _) = try await StateStore<StoreLogState>.open(
                directory: directory, options: options, fileSystem: fileSystem, logger: StoreTestSupport.logger)
            #expect(state.values == ledger.enqueued)
            for operation in operations {
                switch operation {
                case .acknowledged:
                    next += 1
                    state.apply(next)
                    ledger.enqueued.append(next)
                    try await store.waitUntilDurable(try store.enqueue([next]))
                    ledger.acknowledged.insert(next)
                case .unacknowledged:
                    next += 1
                    state.apply(next)
                    ledger.enqueued.append(next)
                    _ = try store.enqueue([next])
                case .groupCommit:
                    var tickets: [(Int, JournalTicket)] = []
                    for _ in 0..<5 {
                        next += 1
                        state.apply(next)
                        ledger.enqueued.append(next)
                        tickets.append((next, try store.enqueue([next])))
                    }
                    let current = store
                    let durable = try await withThrowingTaskGroup(of: Int.self) { group in
                        for (value, ticket) in tickets {
                            group.addTask {
                                try await current.waitUntilDurable(ticket)
                                return value
                            }
                        }
                        return try await group.reduce(into: [Int]()) { $0.append($1) }
                    }
                    ledger.acknowledged.formUnion(durable)
                case .compact:
                    try await store.compact(state, through: store.lastTicket)
                    ledger.acknowledged.formUnion(state.values)
                case .reopen:
                    try await store.close()
                    ledger.acknowledged.formUnion(state.values)
                    (store, state, _) = try await StateStore<StoreLogState>.open(
                        directory: directory, options: options, fileSystem: fileSystem,
                        logger: StoreTestSupport.logger)
                    #expect(state.values == ledger.enqueued)
                }
            }
        } catch {
            // The simulated crash: the process is gone; whatever it held in memory is lost.
        }
        return ledger
    }

    /// After a power loss the folder must open, hold a prefix of what was enqueued including everything
    /// acknowledged, and accept new changes.
    static func checkRecovery(
        _ fileSystem: StoreFaultFileSystem, ledger: Ledger, context: String
    ) async {
        do {
            let verified = try StateStoreTools.verify(
                directory: directory, as: StoreLogState.self, fileSystem: fileSystem)
            let (store, state, report) = try await StateStore<StoreLogState>.open(
                directory: directory, options: options, fileSystem: fileSystem, logger: StoreTestSupport.logger)
            #expect(report.lastSeq == verified.lastSeq, "\(context)")
            let recovered = state.values
            #expect(Array(ledger.enqueued.prefix(recovered.count)) == recovered, "\(context): not a prefix")
            let lost = ledger.acknowledged.subtracting(recovered)
            #expect(lost.isEmpty, "\(context): lost acknowledged \(lost.sorted())")
            try await store.waitUntilDurable(try store.enqueue([-1]))
            try await store.close()
            let (again, after, _) = try await StateStore<StoreLogState>.open(
                directory: directory, options: options, fileSystem: fileSystem, logger: StoreTestSupport.logger)
            #expect(after.values == recovered + [-1], "\(context): not writable after recovery")
            try await again.close()
        } catch {
            Issue.record("\(context): the state did not open after a power loss: \(error)")
        }
    }

    /// A fresh disk with three acknowledged records already on it.
    static func preparedFileSystem(seed: UInt64) async throws -> StoreFaultFileSystem {
        let fileSystem = StoreFaultFileSystem(seed: seed)
        let (store, _, _) = try await StateStore<StoreLogState>.open(
            directory: directory, options: options, fileSystem: fileSystem, logger: StoreTestSupport.logger)
        for value in 1...3 { try await store.waitUntilDurable(try store.enqueue([value])) }
        try await store.close()
        return fileSystem
    }

    @Test("power loss after every step of every sequence of up to three operations")
    func powerLossAfterSteps() async throws {
        #expect(Self.sequences.count == 155)
        for (index, operations) in Self.sequences.enumerated() {
            for mode in StoreFaultFileSystem.PowerLoss.allCases {
                let fileSystem = try await Self.preparedFileSystem(seed: UInt64(index + 1))
                let ledger = await Self.run(operations, on: fileSystem, seed: index + 1)
                fileSystem.powerLoss(mode)
                await Self.checkRecovery(fileSystem, ledger: ledger, context: "\(operations) then \(mode)")
            }
        }
    }

    @Test("power loss at every file-system operation inside every sequence, tearing the write in flight")
    func powerLossInsideSteps() async throws {
        var runs = 0
        for (index, operations) in Self.sequences.enumerated() {
            let probe = try await Self.preparedFileSystem(seed: 1)
            let start = probe.mutatingOperations
            _ = await Self.run(operations, on: probe, seed: index + 1)
            let count = probe.mutatingOperations - start
            for crashAt in 0..<count {
                for mode in StoreFaultFileSystem.PowerLoss.allCases {
                    let fileSystem = try await Self.preparedFileSystem(seed: UInt64(index * 7_919 + crashAt))
                    fileSystem.die(afterOperations: crashAt)
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
