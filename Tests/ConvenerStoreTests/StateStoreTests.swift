import ConvenerCore
import Foundation
import Synchronization
import Testing

@testable import ConvenerStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("State store")
struct StateStoreTests {
    @Test("changes survive a close and reopen; a new folder starts empty")
    func reopen() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let (store, state, report) = try await StateStore<StoreTestState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        #expect(state == StoreTestState())
        #expect(report.createdNew)
        var tickets: [JournalTicket] = []
        for change in StoreTestSupport.sampleChanges { tickets.append(try store.enqueue([change])) }
        #expect(tickets.map(\.seq) == Array(1...UInt64(tickets.count)))
        try await store.waitUntilDurable(try #require(tickets.last))
        try await store.close()
        #expect(throws: StoreError.self) { _ = try store.enqueue([.leave(member: "x")]) }

        let (again, recovered, secondReport) = try await StateStore<StoreTestState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        #expect(recovered == StoreTestSupport.replay(StoreTestSupport.sampleChanges))
        #expect(secondReport.lastSeq == 6)
        #expect(secondReport.recordsReplayed == 6)
        #expect(!secondReport.createdNew)
        #expect(again.lastTicket.seq == 6)
        try await again.close()
    }

    @Test("close flushes records that nobody waited for")
    func closeFlushes() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let (store, _, _) = try await StateStore<StoreTestState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        _ = try store.enqueue(Array(StoreTestSupport.sampleChanges.prefix(2)))
        _ = try store.enqueue(Array(StoreTestSupport.sampleChanges.dropFirst(2)))
        try await store.close()
        let verified = try StateStoreTools.verify(directory: directory, as: StoreTestState.self)
        #expect(verified.lastSeq == 2)
        #expect(verified.recordsReplayed == 2)
    }

    @Test("64 concurrent writers are group-committed and every record lands in order")
    func groupCommit() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let (store, _, _) = try await StateStore<StoreLogState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<64 {
                group.addTask {
                    for round in 0..<10 {
                        let ticket = try store.enqueue([writer * 100 + round])
                        try await store.waitUntilDurable(ticket)
                    }
                }
            }
            try await group.waitForAll()
        }
        try await store.close()
        let (reopened, state, _) = try await StateStore<StoreLogState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        #expect(state.values.count == 640)
        #expect(Set(state.values).count == 640)
        for writer in 0..<64 {
            let mine = state.values.filter { $0 / 100 == writer }
            #expect(mine == (0..<10).map { writer * 100 + $0 })
        }
        // One line per enqueue, whatever the batching of writes.
        let lines = try StoreTestSupport.files(in: directory).filter { $0.key.hasPrefix("journal-") }
            .values.reduce(0) { $0 + $1.filter { $0 == UInt8(ascii: "\n") }.count }
        #expect(lines == 640)
        try await reopened.close()
    }

    @Test("group commit shares fsyncs between concurrent waiters")
    func groupCommitSharesFsyncs() async throws {
        let fileSystem = StoreCountingFileSystem()
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let (store, _, _) = try await StateStore<StoreLogState>.open(
            directory: directory, fileSystem: fileSystem, logger: StoreTestSupport.logger)
        let before = fileSystem.fsyncs
        var tickets: [JournalTicket] = []
        for value in 0..<200 { tickets.append(try store.enqueue([value])) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for ticket in tickets { group.addTask { try await store.waitUntilDurable(ticket) } }
            try await group.waitForAll()
        }
        #expect(fileSystem.fsyncs - before < 10)
        try await store.close()
    }

    @Test("a segment that also holds newer records survives one compaction and goes at the next (erasure)")
    func erasureNeedsASecondCompaction() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let opened = try await StateStore<StoreLogState>.open(directory: directory, logger: StoreTestSupport.logger)
        let store = opened.store
        var state = opened.state
        #expect(store.oldestJournaledSequence == nil)
        state.apply(1)
        let secret = try store.enqueue([1])
        try await store.waitUntilDurable(secret)
        let snapshotState = state
        state.apply(2)
        try await store.waitUntilDurable(try store.enqueue([2]))
        // The snapshot covers record 1 only; record 2 shares its segment, so the segment (and record 1) stays.
        try await store.compact(snapshotState, through: secret)
        #expect(store.snapshotSequence == secret.seq)
        #expect(store.oldestJournaledSequence.map { $0 <= secret.seq } == true)
        state.apply(3)
        try await store.waitUntilDurable(try store.enqueue([3]))
        try await store.compact(state, through: store.lastTicket)
        #expect(store.oldestJournaledSequence.map { $0 > secret.seq } ?? true)
        #expect(try StoreTestSupport.segments(in: directory).isEmpty)
        try await store.close()
    }

    @Test("compaction writes a snapshot, drops covered segments, and recovery still sees everything")
    func compaction() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let options = StoreTestSupport.smallOptions()
        let opened = try await StateStore<StoreLogState>.open(
            directory: directory, options: options, logger: StoreTestSupport.logger)
        let store = opened.store
        var state = opened.state
        var expected: [Int] = []
        for value in 0..<30 {
            state.apply(value)
            expected.append(value)
            try await store.waitUntilDurable(try store.enqueue([value]))
        }
        #expect(store.needsCompaction)
        #expect(try StoreTestSupport.segments(in: directory).count > 1)
        try await store.compact(state, through: store.lastTicket)
        #expect(!store.needsCompaction)
        // Everything is covered and no write was in flight, so even the open segment is gone.
        #expect(try StoreTestSupport.segments(in: directory).isEmpty)
        for value in 30..<35 {
            state.apply(value)
            expected.append(value)
            try await store.waitUntilDurable(try store.enqueue([value]))
        }
        #expect(try StoreTestSupport.segments(in: directory) == ["journal-00000000000000000031.jsonl"])
        try await store.compact(state, through: store.lastTicket)
        #expect(try StoreTestSupport.segments(in: directory).isEmpty)
        try await store.waitUntilDurable(try store.enqueue([35]))
        expected.append(35)
        try await store.close()

        let (reopened, recovered, report) = try await StateStore<StoreLogState>.open(
            directory: directory, options: options, logger: StoreTestSupport.logger)
        #expect(recovered.values == expected)
        #expect(report.snapshotSeq == 35)
        #expect(report.recordsReplayed == 1)
        try await reopened.close()
    }

    @Test("a large snapshot waits for the journal to reach half its size, before and after a restart")
    func compactionGrowsWithTheState() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let options = StoreTestSupport.smallOptions()
        var (store, state, _) = try await StateStore<StoreLogState>.open(
            directory: directory, options: options, logger: StoreTestSupport.logger)
        for value in 0..<5_000 { state.apply(value) }
        try await store.waitUntilDurable(try store.enqueue([0]))
        try await store.compact(state, through: store.lastTicket)
        let snapshotSize = try #require(
            FileManager.default.attributesOfItem(atPath: directory + "/snapshot.json")[.size] as? Int)
        for value in 0..<(options.compactionRecords * 3) {
            try await store.waitUntilDurable(try store.enqueue([value]))
        }
        #expect(!store.needsCompaction, "\(options.compactionRecords * 3) records are far below half the snapshot")
        try await store.close()

        (store, state, _) = try await StateStore<StoreLogState>.open(
            directory: directory, options: options, logger: StoreTestSupport.logger)
        #expect(!store.needsCompaction)
        var value = 0
        while !store.needsCompaction {
            try await store.waitUntilDurable(try store.enqueue([value]))
            value += 1
        }
        let sinceSnapshot = try StoreTestSupport.segments(in: directory).reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0)
        }
        #expect(sinceSnapshot >= snapshotSize / 2)
        try await store.close()
    }

    @Test("a second open of a locked folder fails at once naming the holder's pid")
    func lock() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let (store, _, _) = try await StateStore<StoreTestState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        await #expect {
            _ = try await StateStore<StoreTestState>.open(directory: directory, logger: StoreTestSupport.logger)
        } throws: { error in
            guard case .locked(let file, let pid)? = error as? StoreError else { return false }
            return file.hasSuffix("convener.lock") && pid == getpid()
                && "\(error)".contains("process \(getpid())")
        }
        let pidText = try String(contentsOfFile: directory + "/convener.lock", encoding: .utf8)
        #expect(pidText == "\(getpid())\n")
        try await store.close()
        let (again, _, _) = try await StateStore<StoreTestState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        try await again.close()
    }

    @Test("a cancelled waiter that does the flush neither fails the store nor loses its record")
    func cancelledFlusher() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let (store, _, _) = try await StateStore<StoreLogState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        let ticket = try store.enqueue([1])
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await store.waitUntilDurable(ticket)
        }
        try await waiter.value
        try await store.waitUntilDurable(try store.enqueue([2]))
        try await store.close()
        let (_, state, _) = try await StateStore<StoreLogState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        #expect(state.values == [1, 2])
    }

    @Test("a failed write puts the store in a failed state; restart recovers the durable prefix")
    func failedState() async throws {
        let fileSystem = StoreFaultFileSystem()
        let (store, _, _) = try await StateStore<StoreLogState>.open(
            directory: "/state", fileSystem: fileSystem, logger: StoreTestSupport.logger)
        try await store.waitUntilDurable(try store.enqueue([1]))
        fileSystem.die(afterOperations: 1)
        let ticket = try store.enqueue([2])
        await #expect(throws: StoreError.self) { try await store.waitUntilDurable(ticket) }
        #expect {
            _ = try store.enqueue([3])
        } throws: { error in
            guard case .failed? = error as? StoreError else { return false }
            return "\(error)".contains("Restart convener")
        }
        fileSystem.powerLoss(.tearUnsynced)
        let (_, state, _) = try await StateStore<StoreLogState>.open(
            directory: "/state", fileSystem: fileSystem, logger: StoreTestSupport.logger)
        #expect(state.values == [1] || state.values == [1, 2])
    }

    @Test("export, import into an empty folder, and the import refuses a non-empty folder")
    func exportImport() async throws {
        let source = try StoreTestSupport.temporaryDirectory()
        let target = try StoreTestSupport.temporaryDirectory()
        defer {
            StoreTestSupport.remove(source)
            StoreTestSupport.remove(target)
        }
        try await StoreTestSupport.writeJournal(source, changes: StoreTestSupport.sampleChanges)
        let exported = try StateStoreTools.export(directory: source, as: StoreTestState.self)
        let document = try JSONDecoder().decode(JSONValue.self, from: exported)
        #expect(document["formatVersion"] == .int(1))
        #expect(document["seq"] == .int(6))
        try StateStoreTools.importState(exported, into: target + "/new", as: StoreTestState.self)
        let (store, state, report) = try await StateStore<StoreTestState>.open(
            directory: target + "/new", logger: StoreTestSupport.logger)
        #expect(state == StoreTestSupport.replay(StoreTestSupport.sampleChanges))
        #expect(report.snapshotSeq == 6)
        #expect(try store.enqueue([.leave(member: "alice")]).seq == 7)
        try await store.close()
        #expect(try StateStoreTools.export(directory: target + "/new", as: StoreTestState.self) != exported)

        #expect {
            try StateStoreTools.importState(exported, into: source, as: StoreTestState.self)
        } throws: { error in
            guard case .notEmpty? = error as? StoreError else { return false }
            return true
        }
        #expect(throws: StoreError.self) {
            try StateStoreTools.importState(Data("{\"seq\":1}".utf8), into: target + "/other", as: StoreTestState.self)
        }
    }

    @Test("the compact tool takes the lock and leaves a snapshot that covers the journal")
    func compactTool() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        try await StoreTestSupport.writeJournal(directory, changes: StoreTestSupport.sampleChanges)
        try await StateStoreTools.compact(
            directory: directory, as: StoreTestState.self, logger: StoreTestSupport.logger)
        let verified = try StateStoreTools.verify(directory: directory, as: StoreTestState.self)
        #expect(verified.snapshotSeq == 6)
        #expect(verified.recordsReplayed == 0)
        #expect(verified.segments.isEmpty)
        let (_, state, _) = try await StateStore<StoreTestState>.open(
            directory: directory, logger: StoreTestSupport.logger)
        #expect(state == StoreTestSupport.replay(StoreTestSupport.sampleChanges))
    }
}

/// The real file system, counting fsyncs.
final class StoreCountingFileSystem: StoreFileSystem {
    private let base = PosixFileSystem()
    private let counter = Mutex<Int>(0)

    var fsyncs: Int { counter.withLock { $0 } }

    func contentsOfDirectory(at path: String) throws -> [String]? { try base.contentsOfDirectory(at: path) }
    func createDirectory(at path: String) throws { try base.createDirectory(at: path) }
    func readFile(at path: String) throws -> [UInt8]? { try base.readFile(at: path) }
    func openForWriting(at path: String, truncating: Bool) throws -> StoreFileHandle {
        try base.openForWriting(at: path, truncating: truncating)
    }
    func write(_ bytes: [UInt8], to handle: StoreFileHandle) throws { try base.write(bytes, to: handle) }
    func synchronize(_ handle: StoreFileHandle) throws {
        counter.withLock { $0 += 1 }
        try base.synchronize(handle)
    }
    func close(_ handle: StoreFileHandle) throws { try base.close(handle) }
    func synchronizeDirectory(at path: String) throws { try base.synchronizeDirectory(at: path) }
    func truncateFile(at path: String, toSize size: Int) throws { try base.truncateFile(at: path, toSize: size) }
    func renameItem(at source: String, to destination: String) throws {
        try base.renameItem(at: source, to: destination)
    }
    func removeItem(at path: String) throws { try base.removeItem(at: path) }
    func lockExclusively(at path: String) throws -> StoreFileHandle { try base.lockExclusively(at: path) }
    func unlock(_ handle: StoreFileHandle) throws { try base.unlock(handle) }
}
