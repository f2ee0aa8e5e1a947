import Foundation

/// A value guarded by a pthread mutex (`NSLock`), shared between the loop thread and its callers.
///
/// `Synchronization.Mutex` would do, but ThreadSanitizer on Linux reported every access through it as a race
/// (it does not see that lock); a pthread mutex, which it does see, keeps sanitizer runs meaningful.
final class CurlLockedInbox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// A box holding `value`.
    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
