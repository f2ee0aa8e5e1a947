import Foundation

/// The rules for `/cop kudos`: how many a member may give a day, how long a reason may be, and how the
/// round-up spotlights kudos to members on the edge of the community.
public struct KudosPolicy: Codable, Sendable, Equatable, Hashable {
    /// Kudos one member may give per day (default 5), counted in the giver's local day.
    public var dailyAllowance: Int
    /// Longest reason accepted, in characters (default 500).
    public var maxReasonLength: Int
    /// Round-up boost for kudos to a peripheral member (default 3).
    public var peripheralBoost: Double
    /// Round-up boost for kudos to an occasional member (default 2).
    public var occasionalBoost: Double
    /// Round-up boost for kudos to an active member (default 1.25).
    public var activeBoost: Double
    /// Round-up boost for kudos to a core member (default 1).
    public var coreBoost: Double

    /// A policy; every argument defaults to the documented default.
    public init(
        dailyAllowance: Int = 5,
        maxReasonLength: Int = 500,
        peripheralBoost: Double = 3,
        occasionalBoost: Double = 2,
        activeBoost: Double = 1.25,
        coreBoost: Double = 1
    ) {
        self.dailyAllowance = dailyAllowance
        self.maxReasonLength = maxReasonLength
        self.peripheralBoost = peripheralBoost
        self.occasionalBoost = occasionalBoost
        self.activeBoost = activeBoost
        self.coreBoost = coreBoost
    }

    /// How much one kudos to a member of `tier` weighs in the round-up's spotlight ranking.
    public func boost(for tier: EngagementTier) -> Double {
        switch tier {
        case .peripheral: peripheralBoost
        case .occasional: occasionalBoost
        case .active: activeBoost
        case .core: coreBoost
        }
    }
}
