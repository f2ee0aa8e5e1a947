import Synchronization

/// Set by the awaiting task when it is cancelled, read by the loop before a transfer starts.
final class CurlCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Whether the awaiting task was cancelled.
    var isCancelled: Bool { flag.load(ordering: .acquiring) }

    /// Marks the request cancelled.
    func cancel() { flag.store(true, ordering: .releasing) }
}
