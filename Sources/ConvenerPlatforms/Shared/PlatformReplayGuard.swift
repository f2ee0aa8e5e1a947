import Foundation

/// Remembers recently accepted signatures so that a captured request replayed within the freshness window is refused.
///
/// A value type: keep it in the actor that owns the endpoint. Memory is bounded by the requests of one window.
public struct PlatformReplayGuard: Sendable {
    private var seen: [String: Date] = [:]
    private var order: [(signature: String, at: Date)] = []
    private var head = 0
    private let window: TimeInterval

    /// A guard remembering signatures for `window` seconds (the verifiers' tolerance, plus the clock skew allowed).
    public init(window: TimeInterval = 600) {
        self.window = window
    }

    /// Records `signature` at `now`; false if it was already seen within the window (a replay).
    public mutating func admit(signature: String, now: Date) -> Bool {
        evict(before: now.addingTimeInterval(-window))
        if seen[signature] != nil { return false }
        seen[signature] = now
        order.append((signature, now))
        return true
    }

    /// How many signatures are remembered.
    public var count: Int { seen.count }

    private mutating func evict(before cutoff: Date) {
        while head < order.count, order[head].at < cutoff {
            seen[order[head].signature] = nil
            head += 1
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
