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

    @Test("A request waits while the backlog is full and goes ahead once a delivery settles a reply")
    func waitsForDeliveries() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backlog-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = Logger(label: "test")
        let opened = try await StateStore<CommunityState>.open(directory: directory, logger: logger)
        let runtime = CommunityRuntime(
            profile: CommunityProfile(id: "t", name: "T"), store: opened.store, state: opened.state,
            clock: FixedClock(), logger: logger, lateReplyLimit: 1, lateReplyWait: .seconds(600))
        let ada = MemberID(platform: "slack", user: "U1")
        _ = try await runtime.handle(
            Input(id: "i1", member: ada, displayName: "ada", event: .command("me")),
            lateReply: DeliveryLateReply(target: target, inline: false))
        let first = await runtime.pendingOutbox().filter { $0.replyTarget == target }.map(\.message.id)
        #expect(!first.isEmpty)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
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
            // Nothing of the waiting request is in the outbox until the first request's replies are delivered.
            let queued = await runtime.pendingOutbox().filter { $0.replyTarget == target }.map(\.message.id)
            #expect(queued.allSatisfy { $0.hasPrefix("i1") })
            try await runtime.settle(first)
            try await group.waitForAll()
        }
        let after = await runtime.pendingOutbox().filter { $0.replyTarget == target }.map(\.message.id)
        #expect(!after.isEmpty && after.allSatisfy { $0.hasPrefix("i2") })
        #expect(await runtime.waitingForLateReplyRoom == 0)
        try await runtime.close()
    }

    @Test("A waiting request gives up after its wait, at the next tick or arrival, and goes ahead")
    func givesUp() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backlog-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = Logger(label: "test")
        let opened = try await StateStore<CommunityState>.open(directory: directory, logger: logger)
        let runtime = CommunityRuntime(
            profile: CommunityProfile(id: "t", name: "T"), store: opened.store, state: opened.state,
            clock: FixedClock(), logger: logger, lateReplyLimit: 1, lateReplyWait: .milliseconds(100))
        let ada = MemberID(platform: "slack", user: "U1")
        _ = try await runtime.handle(
            Input(id: "i1", member: ada, displayName: "ada", event: .command("me")),
            lateReply: DeliveryLateReply(target: target, inline: false))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
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
            // Nothing settles: only its time running out lets it go.
            try await Task.sleep(for: .milliseconds(150))
            #expect(await runtime.waitingForLateReplyRoom == 1)
            try await runtime.tick()
            try await group.waitForAll()
        }
        let queued = await runtime.pendingOutbox().filter { $0.replyTarget == target }.map(\.message.id)
        #expect(queued.contains { $0.hasPrefix("i1") } && queued.contains { $0.hasPrefix("i2") })
        #expect(await runtime.waitingForLateReplyRoom == 0)
        try await runtime.close()
    }
}
