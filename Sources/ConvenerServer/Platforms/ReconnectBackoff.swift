import ServiceLifecycle

/// The wait before the next attempt to reach a platform or the database after a failure: 1 s, doubling up to a
/// ceiling, and back to 1 s once a connection works again.
struct ReconnectBackoff: Sendable {
    private let ceiling: Duration
    /// The wait the next failure takes.
    private(set) var next: Duration = .seconds(1)

    init(ceiling: Duration = .seconds(60)) { self.ceiling = ceiling }

    /// The wait before the next attempt after a failure; each failure doubles the one after it.
    mutating func failed() -> Duration {
        let wait = next
        next = min(next * 2, ceiling)
        return wait
    }

    /// Called once a connection works again.
    mutating func succeeded() { next = .seconds(1) }

    /// Waits the next wait after a failure (cut short by a graceful shutdown), doubling the one after it.
    mutating func pause() async {
        let wait = failed()
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
    }
}
