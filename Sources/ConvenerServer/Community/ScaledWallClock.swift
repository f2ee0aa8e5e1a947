import ConvenerCore
import Foundation

/// A test clock: starts at a chosen instant when the process starts and runs `rate` times real speed.
///
/// Set by `CONVENER_TEST_CLOCK=ISO8601[,RATE[,EPOCH]]`, so acceptance tests can start the daemon just before a due
/// time. With EPOCH (a Unix time) the clock shows ISO8601 at that real instant instead of at the process start, so
/// several daemons sharing a database agree on the time; they then read real time from the database.
public struct ScaledWallClock: WallClock {
    /// The instant the clock showed when it was created (or at `anchor`).
    public let start: Date
    /// How many clock seconds pass per real second.
    public let rate: Double
    /// The real instant at which the clock shows `start`, when fixed; nil for the process start.
    public let anchor: Date?
    private let realStart: ContinuousClock.Instant
    private let realTime: @Sendable () -> Date

    /// A clock showing `start` now (or at the real instant `anchor`) and running `rate` times real speed.
    public init(
        start: Date, rate: Double = 1, anchor: Date? = nil, realTime: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.start = start
        self.rate = rate
        self.anchor = anchor
        self.realStart = ContinuousClock.now
        self.realTime = realTime
    }

    /// The same clock reading real time from `realTime` (the database's clock); only an anchored clock reads it.
    public func reading(realTime: @escaping @Sendable () -> Date) -> ScaledWallClock {
        ScaledWallClock(start: start, rate: rate, anchor: anchor, realTime: realTime)
    }

    /// Parses `2026-01-06T09:59:50Z`, `2026-01-06T09:59:50Z,60` or `2026-01-06T09:59:50Z,60,1767693590`; nil when the
    /// text is none of them.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
            let start = try? Date(String(parts[0]).trimmingCharacters(in: .whitespaces), strategy: .iso8601)
        else { return nil }
        var rate = 1.0
        if parts.count >= 2 {
            guard let parsed = Double(parts[1].trimmingCharacters(in: .whitespaces)), parsed > 0, parsed.isFinite
            else { return nil }
            rate = parsed
        }
        var anchor: Date?
        if parts.count == 3 {
            guard let epoch = Double(parts[2].trimmingCharacters(in: .whitespaces)), epoch.isFinite else { return nil }
            anchor = Date(timeIntervalSince1970: epoch)
        }
        self.init(start: start, rate: rate, anchor: anchor)
    }

    public func now() -> Date {
        if let anchor {
            return start.addingTimeInterval(realTime().timeIntervalSince(anchor) * rate)
        }
        let elapsed = ContinuousClock.now - realStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds * rate)
    }
}
