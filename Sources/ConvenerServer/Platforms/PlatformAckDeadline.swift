import ConvenerCore
import Foundation

/// Runs a platform request's handling against the platform's 3-second acknowledgement.
///
/// When the handling outlasts `wait`, the caller acknowledges at once and the replies follow through the
/// request's reply target (Slack `response_url`, Discord's interaction webhook) via the outbox. The handling runs
/// in `PlatformWorkService`'s task group; its `PlatformAckWatch` expires the requests whose deadline passed.
struct PlatformAckDeadline: Sendable {
    /// How long the handling may take before the request is acknowledged without its answer.
    let wait: Duration
    /// A pause before each handling, for tests of slow work only (`CONVENER_TEST_HANDLE_DELAY_MS`).
    let testDelay: Duration?
    /// Where handlings that may outlive their request run.
    let work: PlatformWorkService

    /// The default wait (2.5 s, leaving room within the platforms' 3 s) and the test delay from the environment.
    static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, work: PlatformWorkService
    ) -> Self {
        let delay = environment["CONVENER_TEST_HANDLE_DELAY_MS"].flatMap(Int64.init).map(Duration.milliseconds)
        return PlatformAckDeadline(wait: .milliseconds(2500), testDelay: delay, work: work)
    }

    /// The outcome when the handling finished in time (or there is no reply target to be late to), or nil when
    /// the caller must acknowledge now: the replies are then queued for `target` with the handling's own facts.
    /// When the answer cannot carry a reply (`inline` false), every reply is queued for `target`.
    func run(_ input: Input, on runtime: CommunityRuntime, target: OutboxReplyTarget?, inline: Bool = true)
        async throws -> Outcome?
    {
        guard let target else {
            if let testDelay { try await Task.sleep(for: testDelay) }
            return try await runtime.handleOrUnavailable(input)
        }
        let waiter = PlatformAckWaiter(late: DeliveryLateReply(target: target, inline: inline))
        let submitted = work.submit { [testDelay] in
            if let testDelay { try? await Task.sleep(for: testDelay) }
            do {
                waiter.finish(.success(try await runtime.handleOrUnavailable(input, lateReply: waiter.late)))
            } catch {
                waiter.finish(.failure(error))
            }
        }
        guard submitted else { return try await runtime.handleOrUnavailable(input, lateReply: waiter.late) }
        work.watch.watch(waiter, until: ContinuousClock.now + wait)
        return try await waiter.outcome()
    }
}
