/// How much each quality of a pair counts; every quality scores from 0 to 1 before it is weighted.
public struct PairingWeights: Sendable, Hashable {
    /// Shared interests (share of the smaller list that both named).
    public var interests: Double
    /// Working hours that overlap (share of a working day).
    public var timezoneOverlap: Double
    /// A peripheral member with a core one (difference of engagement tiers).
    public var tierMix: Double
    /// How long since the two last met (never met counts fully).
    public var sinceLastMet: Double

    /// Weights; each from 0 to 100.
    public init(interests: Double = 3, timezoneOverlap: Double = 2, tierMix: Double = 1, sinceLastMet: Double = 1) {
        self.interests = interests
        self.timezoneOverlap = timezoneOverlap
        self.tierMix = tierMix
        self.sinceLastMet = sinceLastMet
    }
}
