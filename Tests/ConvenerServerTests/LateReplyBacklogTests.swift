import ConvenerCore
import ConvenerStore
import Foundation
import Logging
import Testing

@testable import ConvenerServer

/// Requests that would queue late replies wait while the outbox already holds its limit of them, so a flood of
/// requests cannot grow the backlog (and memory) faster than the replies are delivered.
@Suite("The late-reply backlog")
struct LateReplyBacklogTests {
    private let target = OutboxReplyTarget(
        platform: "slack", address: ["url": "https://hooks.slack.test/1"], expiresAt: .distantFuture, maxReplies: 5)
    private let ada = MemberID(platform: "slack", user: "U1")

    /// A runtime whose backlog holds one late reply at most, already full with the replies of input `i1`; `body`
    /// gets it and the ids of those replies while input `i2` waits for room. Returns the late replies queued once
    /// `i2` went ahead.
    private func withFullBacklog(
        wait: Duration, _ body: (CommunityRuntime, [String]) async throws -> Void
    ) async throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backlog-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = Logger(label: "test")
        let opened = try await StateStore<CommunityState>.open(directory: directory, logger: logger)
        let runtime = CommunityRuntime(
            profile: CommunityProfile(id: "t", name: "T"), store: opened.store, state: opened.state,
            clock: FixedClock(), logger: logger, lateReplyLimit: 1, lateReplyWait: wait)
        _ = try await runtime.handle(
            Input(id: "i1", member: ada, displayName: "ada", event: .command("me")),
            lateReply: DeliveryLateReply(target: target, inline: false))
        let first = await late(in: runtime)
        #expect(!first.isEmpty)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [ada, target] in
                _ = try await runtime.handle(
                    Input(id: "i2", member: ada, displayName: "ada", event: .command("me")),
                    lateReply: DeliveryLateReply(target: target, inline: false))
            }
            var waiting = 0
            for _ in 0..<6_000 where waiting == 0 {
                try await Task.sleep(for: .milliseconds(10))
                waiting = await runtime.waitingForLateReplyRoom
            }
            #expect(waiting == 1)
            // Nothing of the waiting request is in the outbox yet.
            #expect(await late(in: runtime).allSatisfy { $0.hasPrefix("i1") })
            try await body(runtime, first)
            try await group.waitForAll()
        }
        #expect(await runtime.waitingForLateReplyRoom == 0)
        let after = await late(in: runtime)
        try await runtime.close()
        return after
    }

    private func late(in runtime: CommunityRuntime) async -> [String] {
        await runtime.pendingOutbox().filter { $0.replyTarget == target }.map(\.message.id)
    }

    @Test("A request waits while the backlog is full and goes ahead once a delivery settles a reply")
    func waitsForDeliveries() async throws {
        let after = try await withFullBacklog(wait: .seconds(600)) { runtime, first in
            try await runtime.settle(first)
        }
        #expect(!after.isEmpty && after.allSatisfy { $0.hasPrefix("i2") })
    }

    @Test("A waiting request gives up after its wait, at the next tick or arrival, and goes ahead")
    func givesUp() async throws {
        let after = try await withFullBacklog(wait: .milliseconds(100)) { runtime, _ in
            // Nothing settles: only its time running out lets it go.
            try await Task.sleep(for: .milliseconds(150))
            #expect(await runtime.waitingForLateReplyRoom == 1)
            try await runtime.tick()
        }
        #expect(after.contains { $0.hasPrefix("i1") } && after.contains { $0.hasPrefix("i2") })
    }
}
