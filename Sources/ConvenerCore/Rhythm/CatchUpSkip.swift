import Foundation

/// A run of consecutive schedule instants that were not fired, and why.
///
/// Skips are grouped so that a long downtime of a minutely schedule reports a few lines, not thousands.
public struct CatchUpSkip: Codable, Sendable, Equatable {
    /// Why instants are skipped instead of fired.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// The policy is `none` and the instant was missed.
        case policyNone
        /// The policy is `latest` and a more recent instant runs instead.
        case superseded
        /// The policy is `all` but more than `ScheduleCatchUp.allCap` instants were missed; the oldest are dropped.
        case overCap
        /// Running it now would be later than the schedule's `maxLateness`.
        case tooLate
    }

    /// Why these instants were skipped.
    public var reason: Reason
    /// How many instants were skipped (see `CatchUpPlan.countsAreExact`).
    public var count: Int
    /// The earliest skipped instant.
    public var earliest: Date
    /// The latest skipped instant.
    public var latest: Date

    /// Creates a group of skipped instants.
    public init(reason: Reason, count: Int, earliest: Date, latest: Date) {
        self.reason = reason
        self.count = count
        self.earliest = earliest
        self.latest = latest
    }
}
