import Foundation

/// One member's engagement: a decayed score, their tier and what the periodic check last raised.
///
/// The score is stored as of `scoredAt` and decayed lazily when read or when activity arrives, so
/// recording an event is O(1) however long the member's history is.
public struct EngagementRecord: Codable, Sendable, Equatable {
    /// The score as of `scoredAt`.
    public var score: Double
    /// The instant `score` is valid at.
    public var scoredAt: Date
    /// The member's current tier.
    public var tier: EngagementTier
    /// When the tier last changed, `nil` if it never has (so the first change may come at once).
    public var tierChangedAt: Date?
    /// When the member last did something themselves (or joined).
    public var lastActiveAt: Date
    /// Whether `inactive` has been raised for the current silence.
    public var inactiveRaised: Bool

    /// A member who joined at `joinedAt`: score 0, peripheral.
    public init(joinedAt: Date, tier: EngagementTier = .peripheral) {
        self.score = 0
        self.scoredAt = joinedAt
        self.tier = tier
        self.tierChangedAt = nil
        self.lastActiveAt = joinedAt
        self.inactiveRaised = false
    }

    /// The score decayed to `instant` (never grown: an instant before `scoredAt` reads the stored score).
    public func score(at instant: Date, halfLife: TimeInterval) -> Double {
        let elapsed = instant.timeIntervalSince(scoredAt)
        guard elapsed > 0 else { return score }
        return score * EngagementRecord.decayFactor(elapsed: elapsed, halfLife: halfLife)
    }

    /// Adds `points` earned at `instant`, decaying lazily; late (out-of-order) points are decayed to `scoredAt`.
    public mutating func add(_ points: Double, at instant: Date, halfLife: TimeInterval) {
        let elapsed = instant.timeIntervalSince(scoredAt)
        if elapsed >= 0 {
            score = score * EngagementRecord.decayFactor(elapsed: elapsed, halfLife: halfLife) + points
            scoredAt = instant
        } else {
            score += points * EngagementRecord.decayFactor(elapsed: -elapsed, halfLife: halfLife)
        }
    }

    /// The factor a score shrinks by over `elapsed` seconds: 2^(−elapsed / halfLife).
    static func decayFactor(elapsed: TimeInterval, halfLife: TimeInterval) -> Double {
        guard halfLife > 0 else { return 0 }
        return exp2(-elapsed / halfLife)
    }
}
