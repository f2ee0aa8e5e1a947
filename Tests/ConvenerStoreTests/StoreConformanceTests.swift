import Foundation
import Testing

@testable import ConvenerStore

/// The contract every store keeps, whatever keeps the state: run against JSON files and PostgreSQL alike.
@Suite("Store conformance")
struct StoreConformanceTests {
    static let key = [UInt8](repeating: 7, count: 32)

    @Test("changes survive a close and reopen; a new store starts empty", arguments: StoreBackend.available)
    func reopen(backend: StoreBackend) async throws {
        try await StoreUnderTest.with(backend) { place in
            let (store, state, report) = try await place.open(StoreTestState.self)
            #expect(state == StoreTestState())
            #expect(report.createdNew)
            var tickets: [JournalTicket] = []
            for change in StoreTestSupport.sampleChanges { tickets.append(try store.enqueue([change], pools: [])) }
            #expect(tickets.map(\.seq) == Array(1...UInt64(tickets.count)))
            try await store.waitUntilDurable(try #require(tickets.last))
            try await store.close()
            #expect(throws: StoreError.self) { _ = try store.enqueue([.leave(member: "x")], pools: []) }

            let (again, recovered, second) = try await place.open(StoreTestState.self)
            #expect(recovered == StoreTestSupport.replay(StoreTestSupport.sampleChanges))
            #expect(second.lastSeq == 6)
            #expect(second.recordsReplayed == 6)
            #expect(!second.createdNew)
            #expect(again.lastTicket.seq == 6)
            try await again.close()
        }
    }

    @Test("close writes records that nobody waited for", arguments: StoreBackend.available)
    func closeFlushes(backend: StoreBackend) async throws {
        try await StoreUnderTest.with(backend) { place in
            let (store, _, _) = try await place.open(StoreTestState.self)
            _ = try store.enqueue(Array(StoreTestSupport.sampleChanges.prefix(2)), pools: [])
            _ = try store.enqueue(Array(StoreTestSupport.sampleChanges.dropFirst(2)), pools: [])
            try await store.close()
            let verified = try await place.verify(StoreTestState.self)
            #expect(verified.lastSeq == 2)
            #expect(verified.recordsReplayed == 2)
        }
    }

    @Test("concurrent writers share writes and every record lands in order", arguments: StoreBackend.available)
    func concurrentWriters(backend: StoreBackend) async throws {
        try await StoreUnderTest.with(backend) { place in
            let (store, _, _) = try await place.open(StoreLogState.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<16 {
                    group.addTask {
                        for round in 0..<10 {
                            try await store.waitUntilDurable(try store.enqueue([writer * 100 + round], pools: []))
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await store.close()
            let (reopened, state, _) = try await place.open(StoreLogState.self)
            #expect(state.values.count == 160)
            for writer in 0..<16 {
                #expect(state.values.filter { $0 / 100 == writer } == (0..<10).map { writer * 100 + $0 })
            }
            try await reopened.close()
        }
    }

    @Test(
        "compaction erases the records it covers and recovery still sees everything", arguments: StoreBackend.available)
    func compactionErases(backend: StoreBackend) async throws {
        try await StoreUnderTest.with(backend) { place in
            let (store, _, _) = try await place.open(StoreLogState.self)
            var state = StoreLogState()
            for value in 1...25 {
                state.apply(value)
                _ = try store.enqueue([value], pools: [])
            }
            #expect(store.needsCompaction)
            try await store.compact(state, through: store.lastTicket)
            // A state folder keeps the segment in use until the next compaction; both erase after a second one.
            state.apply(26)
            let ticket = try store.enqueue([26], pools: [])
            try await store.compact(state, through: ticket)
            #expect(store.snapshotSequence == 26)
            #expect((store.oldestJournaledSequence ?? 27) > 25)
            #expect(!store.needsCompaction)
            try await store.close()
            let (again, recovered, report) = try await place.open(StoreLogState.self)
            #expect(recovered.values == Array(1...26))
            #expect(report.snapshotSeq == 26)
            let verified = try await place.verify(StoreLogState.self)
            #expect(verified.lastSeq == 26)
            try await again.close()
        }
    }

    @Test(
        "sealed pools are written with their records, read back, removed, and survive a reopen",
        arguments: StoreBackend.available)
    func sealedPools(backend: StoreBackend) async throws {
        try await StoreUnderTest.with(backend) { place in
            let (store, _, _) = try await place.open(StoreLogState.self)
            let secret = Array("the thursday slot is hard for asia".utf8)
            try await store.waitUntilDurable(
                try store.enqueue([1], pools: [.replace(pool: "survey-S1", key: Self.key, plaintext: secret)]))
            #expect(try await store.readSealedPool("survey-S1", key: Self.key) == secret)
            await #expect(throws: StoreError.self) {
                try await store.readSealedPool("survey-S1", key: [UInt8](repeating: 9, count: 32))
            }
            // A pool-only write needs no record.
            try await store.waitUntilDurable(
                try store.enqueue([], pools: [.replace(pool: "feedback", key: Self.key, plaintext: [1, 2, 3])]))
            #expect(store.sealedPools == ["feedback", "survey-S1"])
            #expect(store.lastTicket.seq == 1)
            try await store.waitUntilDurable(try store.enqueue([], pools: [.remove(pool: "survey-S1")]))
            #expect(try await store.readSealedPool("survey-S1", key: Self.key) == nil)
            #expect(throws: StoreError.self) { try store.enqueue([], pools: [.remove(pool: "../snapshot.json")]) }
            try await store.close()
            let (again, state, _) = try await place.open(StoreLogState.self)
            #expect(state.values == [1])
            #expect(again.sealedPools == ["feedback"])
            #expect(try await again.readSealedPool("feedback", key: Self.key) == [1, 2, 3])
            try await again.close()
        }
    }

    @Test(
        "export, then import into an empty place, gives the same state; a second import is refused",
        arguments: StoreBackend.available)
    func exportImport(backend: StoreBackend) async throws {
        try await StoreUnderTest.with(backend) { place in
            let (store, _, _) = try await place.open(StoreTestState.self)
            for change in StoreTestSupport.sampleChanges {
                try await store.waitUntilDurable(try store.enqueue([change], pools: []))
            }
            try await store.close()
            let exported = try await place.export(StoreTestState.self)
            let copy = try place.sibling()
            try await copy.importState(exported, as: StoreTestState.self)
            #expect(try await copy.export(StoreTestState.self) == exported)
            await #expect(throws: StoreError.self) { try await copy.importState(exported, as: StoreTestState.self) }
            let (reopened, state, report) = try await copy.open(StoreTestState.self)
            #expect(state == StoreTestSupport.replay(StoreTestSupport.sampleChanges))
            #expect(report.lastSeq == 6)
            // The next record follows the imported sequence number.
            #expect(try reopened.enqueue([.leave(member: "alice")], pools: []).seq == 7)
            try await reopened.close()
        }
    }
}
