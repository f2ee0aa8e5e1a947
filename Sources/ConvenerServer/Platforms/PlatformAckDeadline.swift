import ConvenerCore
import Foundation
import Synchronization

/// Runs a platform request's handling against the platform's 3-second acknowledgement.
///
/// When the handling outlasts `wait`, the caller acknowledges at once and the replies follow through the
/// request's reply target (Slack `response_url`, Discord's interaction webhook) via the outbox.
struct PlatformAckDeadline: Sendable {
    /// How long the handling may take before the request is acknowledged without its answer.
    let wait: Duration
    /// A pause before each handling, for tests of slow work only (`CONVENER_TEST_HANDLE_DELAY_MS`).
    let testDelay: Duration?

    /// The default wait (2.5 s, leaving room within the platforms' 3 s) and the test delay from the environment.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        let delay = environment["CONVENER_TEST_HANDLE_DELAY_MS"].flatMap(Int64.init).map(Duration.milliseconds)
        return PlatformAckDeadline(wait: .milliseconds(2500), testDelay: delay)
    }

    /// The outcome when the handling finished in time (or no reply target exists), or nil when the caller must
    /// acknowledge now: the replies are then queued for `target` with the handling's own facts.
    func run(_ input: Input, on runtime: CommunityRuntime, target: OutboxReplyTarget?) async throws -> Outcome? {
        guard let target else {
            if let testDelay { try await Task.sleep(for: testDelay) }
            return try await runtime.handleOrUnavailable(input)
        }
        let late = DeliveryLateReply(target: target)
        let work = Task { [testDelay] in
            if let testDelay { try? await Task.sleep(for: testDelay) }
            return try await runtime.handleOrUnavailable(input, lateReply: late)
        }
        let finished = await Self.finishes(work, within: wait)
        if !finished, late.declareLate() { return nil }
        return try await work.value
    }

    /// Whether `work` finishes within `wait` (it goes on either way).
    private static func finishes(_ work: Task<Outcome, any Error>, within wait: Duration) async -> Bool {
        let once = PlatformAckRace()
        return await withCheckedContinuation { continuation in
            once.arm(continuation)
            let timer = Task {
                try? await Task.sleep(for: wait)
                once.resume(false)
            }
            Task {
                _ = await work.result
                once.resume(true)
                timer.cancel()
            }
        }
    }
}

/// Resumes a continuation once, with whichever result comes first.
private final class PlatformAckRace: Sendable {
    private let continuation = Mutex<CheckedContinuation<Bool, Never>?>(nil)

    func arm(_ continuation: CheckedContinuation<Bool, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(_ value: Bool) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }
}
