import ConvenerCore
import Synchronization

/// One request waiting for its handling's outcome or its acknowledgement deadline, whichever decides first.
///
/// The handling runs in `PlatformWorkService` and calls `finish`; `PlatformAckWatch` calls `expire` once the
/// deadline passes. A continuation and a lock per request replace the task group, result stream and timer each
/// request used to race with: those were three tasks and a timer for every request, most of them never needed.
final class PlatformAckWaiter: Sendable {
    private enum Phase {
        /// Nothing decided; the request may already be waiting.
        case open(CheckedContinuation<Outcome?, any Error>?)
        /// Decided before the request waited: the result waits for it.
        case decided(Result<Outcome?, any Error>)
        /// The request has its result.
        case done
    }

    /// The race between the inline answer and the late replies, which `expire` settles when the handling has not
    /// claimed the inline answer yet.
    let late: DeliveryLateReply
    private let phase = Mutex<Phase>(.open(nil))

    /// A waiter whose deadline settles `late`.
    init(late: DeliveryLateReply) {
        self.late = late
    }

    /// The handling's outcome, nil when the deadline came first (the caller acknowledges and the replies follow
    /// through the reply target), or `CancellationError` when the request's task is cancelled.
    func outcome() async throws -> Outcome? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let decided = phase.withLock { phase -> Result<Outcome?, any Error>? in
                    guard case .decided(let result) = phase else {
                        phase = .open(continuation)
                        return nil
                    }
                    phase = .done
                    return result
                }
                if let decided { continuation.resume(with: decided) }
            }
        } onCancel: {
            decide(.failure(CancellationError()))
        }
    }

    /// The handling finished (or failed): its result, unless the deadline or a cancellation decided first.
    func finish(_ result: Result<Outcome, any Error>) {
        decide(result.map { $0 })
    }

    /// The deadline passed: the request is acknowledged now unless the handling already claimed the inline answer,
    /// in which case its outcome is awaited after all.
    func expire() {
        guard isOpen, late.declareLate() else { return }
        decide(.success(nil))
    }

    /// Whether nothing has decided the request yet.
    var isOpen: Bool {
        phase.withLock { phase in
            if case .open = phase { return true }
            return false
        }
    }

    /// The first decision wins; the waiting request, if any, is resumed outside the lock.
    private func decide(_ result: Result<Outcome?, any Error>) {
        let waiting = phase.withLock { phase -> CheckedContinuation<Outcome?, any Error>?? in
            guard case .open(let continuation) = phase else { return nil }
            phase = continuation == nil ? .decided(result) : .done
            return .some(continuation)
        }
        if case .some(.some(let continuation)) = waiting { continuation.resume(with: result) }
    }
}
