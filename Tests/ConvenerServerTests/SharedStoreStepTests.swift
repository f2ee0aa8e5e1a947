import ConvenerCore
import Logging
import Synchronization
import Testing

@testable import ConvenerServer
@testable import ConvenerStore

/// Over a shared store, steps run one at a time; when the database fails one, the steps that waited behind it get
/// their 503 at once instead of one deadline each.
@Suite("Steps over a shared store", .timeLimit(.minutes(1)))
struct SharedStoreStepTests {
    @Test("a step the database failed fails the steps waiting behind it without asking the database again")
    func failureFailsTheQueue() async throws {
        let store = ScriptedSharedStore()
        let runtime = CommunityRuntime(
            profile: CommunityProfile(id: "t", name: "T"), store: store, state: CommunityState(), clock: FixedClock(),
            logger: Logger(label: "test"))
        let reasons = await withTaskGroup(of: String?.self) { group in
            for waiting in 0..<3 {
                group.addTask {
                    do {
                        try await runtime.settle([])
                        return nil
                    } catch {
                        return "\(error)"
                    }
                }
                // In this order: the first holds the turn and waits for the database, the others wait for the turn.
                try? await waitUntil { await runtime.stepsWaiting == waiting && store.catchUps == 1 }
            }
            // From now on the database is down for every catch-up, so a step that asked again would fail, not hang.
            store.answerAll(databaseDown: true)
            var reasons: [String] = []
            for await reason in group { reasons.append(reason ?? "answered") }
            return reasons
        }
        #expect(store.catchUps == 1)
        #expect(reasons.count == 3)
        #expect(reasons.allSatisfy { $0.contains("no answer within 6 s") })
        // A step that starts after the failure asks the database afresh.
        store.answerAll(databaseDown: false)
        try await runtime.settle([])
        #expect(store.catchUps == 2)
    }

    /// Polls `condition` every 10 ms for up to 10 s.
    private func waitUntil(_ condition: () async -> Bool) async throws {
        for _ in 0..<1_000 where !(await condition()) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(await condition())
    }
}

/// A shared store with nothing in it whose catch-ups wait until the test answers them all: with the database down
/// (a `StoreError.database`) or with nothing new. Catch-ups asked for after the answer get it at once.
private final class ScriptedSharedStore: StateStoring, Sendable {
    typealias State = CommunityState

    private struct Script {
        var calls = 0
        var answer: Bool?
        var waiting: [CheckedContinuation<Bool, Never>] = []
    }

    private let script = Mutex(Script())

    /// How many catch-ups were asked for.
    var catchUps: Int { script.withLock { $0.calls } }

    /// Answers every catch-up, waiting or to come: whether the database is down.
    func answerAll(databaseDown: Bool) {
        let waiting = script.withLock { script in
            script.answer = databaseDown
            defer { script.waiting = [] }
            return script.waiting
        }
        for continuation in waiting { continuation.resume(returning: databaseDown) }
    }

    func catchUp() async throws -> StoreCatchUp<CommunityState> {
        let down = await withCheckedContinuation { continuation in
            let answer = script.withLock { script in
                script.calls += 1
                if script.answer == nil { script.waiting.append(continuation) }
                return script.answer
            }
            if let answer { continuation.resume(returning: answer) }
        }
        if down { throw StoreError.database(doing: "reading the community", reason: "no answer within 6 s") }
        return .none
    }

    var location: String { "a scripted database" }
    var isShared: Bool { true }
    var lastTicket: JournalTicket { JournalTicket(seq: 0, byteMark: 0, poolSerial: 0, epoch: 0) }
    func enqueue(_ changes: [CommunityState.Change], pools: [SealedPoolWrite]) throws -> JournalTicket { lastTicket }
    func waitUntilDurable(_ ticket: JournalTicket) async throws {}
    func holdDeliveryLease(seconds: Int) async -> Bool { true }
    var sealedPools: [String] { [] }
    func sealedPoolPath(_ pool: String) -> String { pool }
    func readSealedPool(_ pool: String, key: [UInt8]) async throws -> [UInt8]? { nil }
    var needsCompaction: Bool { false }
    var snapshotSequence: UInt64 { 0 }
    var oldestJournaledSequence: UInt64? { nil }
    func compact(_ state: CommunityState, through ticket: JournalTicket) async throws {}
    func reclaimErasedSpace() async throws {}
    func close() async throws {}
}
