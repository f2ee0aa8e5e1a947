import ConvenerCore
import Testing

@testable import ConvenerServer

@Suite("The deadline watch")
struct PlatformAckWatchTests {
    private let target = OutboxReplyTarget(
        platform: "slack", address: ["url": "https://hooks.slack.test/1"], expiresAt: .distantFuture, maxReplies: 5)

    private func withWatch(_ body: (PlatformAckWatch) async throws -> Void) async throws {
        let watch = PlatformAckWatch()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await watch.run() }
            try await body(watch)
            group.cancelAll()
        }
    }

    @Test("A request whose handling has not started is answered at its deadline, and its replies are declared late")
    func expires() async throws {
        try await withWatch { watch in
            let late = DeliveryLateReply(target: target)
            let waiter = PlatformAckWaiter(late: late)
            watch.watch(waiter, until: ContinuousClock.now + .milliseconds(20))
            let outcome = try await waiter.outcome()
            #expect(outcome == nil)
            #expect(!late.claimInline())
        }
    }

    @Test("A handling that claimed the inline answer is awaited past the deadline")
    func claimedInline() async throws {
        try await withWatch { watch in
            let late = DeliveryLateReply(target: target)
            let waiter = PlatformAckWaiter(late: late)
            #expect(late.claimInline())
            watch.watch(waiter, until: ContinuousClock.now + .milliseconds(5))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await Task.sleep(for: .milliseconds(150))
                    waiter.finish(.success(Outcome()))
                }
                let outcome = try await waiter.outcome()
                #expect(outcome != nil)
                try await group.waitForAll()
            }
        }
    }

    @Test("A handling that finishes before the request waits still gives its outcome; later decisions are ignored")
    func decidedFirst() async throws {
        let waiter = PlatformAckWaiter(late: DeliveryLateReply(target: target))
        waiter.finish(.success(Outcome()))
        waiter.expire()
        waiter.finish(.failure(CancellationError()))
        #expect(!waiter.isOpen)
        #expect(try await waiter.outcome() != nil)
    }

    @Test("A cancelled request stops waiting")
    func cancelled() async throws {
        let waiter = PlatformAckWaiter(late: DeliveryLateReply(target: target))
        let task = Task { try await waiter.outcome() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
