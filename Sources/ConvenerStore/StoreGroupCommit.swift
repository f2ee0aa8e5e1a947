/// The waiting side of group commit, shared by both stores: each waiter asks the store what to do next under its
/// lock (`decide`); the first to find records buffered and no write running writes them all (`flush`), and the
/// others park until that write ends (`park`), then ask again. One write thus carries every record enqueued before
/// it started, however many callers wait.
enum StoreGroupCommit {
    /// Loops until `decide` says the ticket is durable (or throws why it never will be). `park` keeps the
    /// continuation among the waiters the running flush resumes, or returns false when there is nothing to wait for
    /// any more (the flush ended in between), and the caller asks again at once.
    static func waitUntilDurable(
        decide: () throws -> StoreFlushStep,
        flush: () async -> Void,
        park: (CheckedContinuation<Void, Never>) -> Bool
    ) async throws {
        while true {
            switch try decide() {
            case .done:
                return
            case .flush:
                await flush()
            case .wait:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    if !park(continuation) { continuation.resume() }
                }
            }
        }
    }
}

/// What a caller of `waitUntilDurable` does next.
enum StoreFlushStep {
    case done, flush, wait
}
