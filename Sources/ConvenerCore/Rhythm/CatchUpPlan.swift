import Foundation

/// What one schedule should do now: which instants to fire, which were skipped, and when it is due next.
public struct CatchUpPlan: Codable, Sendable, Equatable {
    /// The instant after which instants were considered (the ledger's resume point).
    public var since: Date
    /// The time the plan was made for.
    public var now: Date
    /// The instants to fire now, oldest first; each is later than `since` and not after `now`.
    public var fire: [Date]
    /// Instants that were due but are not fired, grouped by reason, oldest first.
    public var skipped: [CatchUpSkip]
    /// The latest instant in `(since, now]`, fired or skipped; the ledger resumes after it.
    public var coveredThrough: Date?
    /// The first instant strictly after `now`, or `nil` if the schedule never fires again.
    public var nextDue: Date?
    /// False when the downtime was so long that the oldest skipped instants were counted as one group of
    /// unknown size (its `count` is then a lower bound).
    public var countsAreExact: Bool

    /// Creates a plan.
    public init(
        since: Date, now: Date, fire: [Date], skipped: [CatchUpSkip], coveredThrough: Date?, nextDue: Date?,
        countsAreExact: Bool = true
    ) {
        self.since = since
        self.now = now
        self.fire = fire
        self.skipped = skipped
        self.coveredThrough = coveredThrough
        self.nextDue = nextDue
        self.countsAreExact = countsAreExact
    }

    /// The total number of skipped instants (a lower bound when `countsAreExact` is false).
    public var skippedCount: Int { skipped.reduce(0) { $0 + $1.count } }
}
