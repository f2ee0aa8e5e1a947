/// When to try a failed delivery again: full-jitter exponential backoff that never undercuts the server's wait.
///
/// Pure: the same inputs and random source give the same decision.
public struct RetryPolicy: Sendable, Hashable {
    /// The upper bound of the first wait; it doubles with each attempt.
    public var base: Duration
    /// The largest upper bound any jittered wait can have.
    public var cap: Duration
    /// How many attempts in all, the first included, before giving up.
    public var maxAttempts: Int

    /// A policy; defaults: 0.5 s base, 60 s cap, 8 attempts.
    public init(base: Duration = .milliseconds(500), cap: Duration = .seconds(60), maxAttempts: Int = 8) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// The largest wait after failed attempt `attempt` (1-based): `min(cap, base × 2^(attempt-1))`.
    public func backoffCeiling(afterAttempt attempt: Int) -> Duration {
        var ceiling = base
        var doublings = max(0, attempt - 1)
        while doublings > 0 && ceiling < cap {
            ceiling = ceiling * 2
            doublings -= 1
        }
        return min(ceiling, cap)
    }

    /// A full-jitter wait after failed attempt `attempt`: uniform in `0...backoffCeiling(afterAttempt:)`.
    /// Uses exactly one `next()` of `random`, so a seeded or scripted generator gives reproducible waits.
    public func jitteredBackoff(afterAttempt attempt: Int, using random: inout some RandomNumberGenerator) -> Duration {
        // The top 53 bits map onto 0...1 inclusive, so both ends of the range can occur.
        let fraction = Double(random.next() >> 11) / Double((UInt64(1) << 53) - 1)
        return backoffCeiling(afterAttempt: attempt) * fraction
    }

    /// What to do after attempt `attempt` (1-based) ended with `classification`; `serverWait` is the
    /// `Retry-After` header or JSON `retry_after`, and a retry never comes sooner than it.
    public func decide(
        _ classification: RetryClassification, afterAttempt attempt: Int, serverWait: Duration? = nil,
        using random: inout some RandomNumberGenerator
    ) -> RetryDecision {
        switch classification {
        case .success:
            return .done
        case .permanent(let reason):
            return .giveUp(reason: reason)
        case .transient(let reason):
            guard attempt < maxAttempts else {
                return .giveUp(reason: "\(reason); gave up after \(attempt) attempts")
            }
            let jittered = jitteredBackoff(afterAttempt: attempt, using: &random)
            return .retry(after: max(jittered, serverWait ?? .zero))
        }
    }
}

/// The outcome of one policy decision.
public enum RetryDecision: Sendable, Hashable {
    /// Delivered; nothing more to do.
    case done
    /// Try again after this wait.
    case retry(after: Duration)
    /// Stop trying and dead-letter the message, for this reason.
    case giveUp(reason: String)
}
