import ConvenerCore
import Foundation

/// The real time, for the daemon.
public struct SystemWallClock: WallClock {
    /// The system clock.
    public init() {}

    public func now() -> Date { Date() }
}
