import ConvenerCore
import ConvenerStore
import Foundation
import Logging
import Testing

@testable import ConvenerServer

@Suite("The 3-second deadline")
struct PlatformAckDeadlineTests {
    private let member = MemberID(platform: "slack", user: "U1")
    private let target = OutboxReplyTarget(
        platform: "slack", address: ["url": "https://hooks.slack.test/1"], expiresAt: .distantFuture, maxReplies: 5)

    private func withRuntime(_ body: (CommunityRuntime) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("deadline-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = Logger(label: "test")
        let opened = try await StateStore<CommunityState>.open(directory: directory, logger: logger)
        let runtime = CommunityRuntime(
            profile: CommunityProfile(id: "t", name: "T"), store: opened.store, state: opened.state,
            clock: FixedClock(), logger: logger)
        try await body(runtime)
        try await runtime.close()
    }

    @Test("In time, the outcome is the answer and the other replies are queued for the reply target")
    func inTime() async throws {
        try await withRuntime { runtime in
            let work = PlatformWorkService()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await work.run() }
                let deadline = PlatformAckDeadline(wait: .seconds(30), testDelay: nil, work: work)
                let input = Input(id: "i1", member: member, displayName: "ada", event: .command("me"))
                let outcome = try await deadline.run(input, on: runtime, target: target)
                #expect(outcome?.replies.isEmpty == false)
                let queued = await runtime.pendingOutbox().filter { $0.replyTarget == target }
                #expect(queued.count == (outcome?.replies.count ?? 0) - 1)
                group.cancelAll()
            }
        }
    }

    @Test("Late, the caller acknowledges at once and the handling finishes in the service, its replies queued")
    func late() async throws {
        try await withRuntime { runtime in
            let work = PlatformWorkService()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await work.run() }
                let deadline = PlatformAckDeadline(wait: .milliseconds(1), testDelay: .milliseconds(300), work: work)
                let input = Input(id: "i2", member: member, displayName: "ada", event: .command("me"))
                let outcome = try await deadline.run(input, on: runtime, target: target)
                #expect(outcome == nil)
                // The handling goes on in the service's task group; its replies arrive in the outbox.
                var queued: [OutboxEntry] = []
                for _ in 0..<200 where queued.isEmpty {
                    try await Task.sleep(for: .milliseconds(25))
                    queued = await runtime.pendingOutbox().filter { $0.replyTarget == target }
                }
                #expect(!queued.isEmpty)
                #expect(await runtime.member(member) != nil)
                group.cancelAll()
            }
        }
    }
}
