import NIOPosix

/// Runs blocking file calls on a NIO thread pool, off Swift's small cooperative pool.
enum StoreBlockingIO {
    /// Runs `body` on `pool` and waits for it, deliberately ignoring task cancellation: once records have
    /// left the buffer, the store must learn how their write ended (NIO's `runIfActive` would throw
    /// `CancellationError` for a cancelled request task and the records would be lost with the store failed).
    static func run<Value: Sendable>(
        on pool: NIOThreadPool, _ body: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            pool.submit { state in
                switch state {
                case .active:
                    continuation.resume(with: Result(catching: body))
                case .cancelled:
                    continuation.resume(
                        throwing: StoreError.failed(reason: "the I/O thread pool was shut down before the write ran"))
                }
            }
        }
    }
}
