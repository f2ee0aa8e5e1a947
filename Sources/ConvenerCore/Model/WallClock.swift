import Foundation

/// Where the time comes from, injected so that everything time-dependent can be tested deterministically.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}
