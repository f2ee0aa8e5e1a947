import ConvenerCore
import Foundation

/// Runs a platform request's handling against the platform's 3-second acknowledgement.
///
/// When the handling outlasts `wait`, the caller acknowledges at once and the replies follow through the
/// request's reply target (Slack `response_url`, Discord's interaction webhook) via the outbox. The handling runs
/// in `PlatformWorkService`'s task group; this only races its result against a timer, in a task group of its own.
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
        let late = DeliveryLateReply(target: target, inline: inline)
        let (results, delivery) = AsyncThrowingStream.makeStream(of: Outcome.self)
        let submitted = work.submit { [testDelay] in
            if let testDelay { try? await Task.sleep(for: testDelay) }
            do {
                delivery.yield(try await runtime.handleOrUnavailable(input, lateReply: late))
                delivery.finish()
            } catch {
                delivery.finish(throwing: error)
            }
        }
        guard submitted else { return try await runtime.handleOrUnavailable(input, lateReply: late) }
        return try await withThrowingTaskGroup(of: Race.self) { group in
            group.addTask {
                for try await outcome in results { return .finished(outcome) }
                throw CancellationError()
            }
            group.addTask { [wait] in
                try await Task.sleep(for: wait)
                return .timedOut
            }
            while let first = try await group.next() {
                switch first {
                case .finished(let outcome):
                    group.cancelAll()
                    return outcome
                case .timedOut:
                    // The handling may have claimed the inline answer just before: then its result is awaited.
                    if late.declareLate() {
                        group.cancelAll()
                        return nil
                    }
                }
            }
            return nil
        }
    }

    private enum Race: Sendable {
        case finished(Outcome)
        case timedOut
    }
}
