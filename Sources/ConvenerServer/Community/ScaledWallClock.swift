import ConvenerCore
import Foundation

/// A test clock: starts at a chosen instant when the process starts and runs `rate` times real speed.
///
/// Set by `CONVENER_TEST_CLOCK=ISO8601[,RATE]`, so acceptance tests can start the daemon just before a due time.
public struct ScaledWallClock: WallClock {
    /// The instant the clock showed when it was created.
    public let start: Date
    /// How many clock seconds pass per real second.
    public let rate: Double
    private let realStart: ContinuousClock.Instant

    /// A clock showing `start` now and running `rate` times real speed.
    public init(start: Date, rate: Double = 1) {
        self.start = start
        self.rate = rate
        self.realStart = ContinuousClock.now
    }

    /// Parses `2026-01-06T09:59:50Z` or `2026-01-06T09:59:50Z,60`; nil when the text is neither.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            let start = try? Date(String(parts[0]).trimmingCharacters(in: .whitespaces), strategy: .iso8601)
        else { return nil }
        var rate = 1.0
        if parts.count == 2 {
            guard let parsed = Double(parts[1].trimmingCharacters(in: .whitespaces)), parsed > 0, parsed.isFinite
            else { return nil }
            rate = parsed
        }
        self.init(start: start, rate: rate)
    }

    public func now() -> Date {
        let elapsed = ContinuousClock.now - realStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds * rate)
    }
}
