import Foundation

/// One receiver's line in the round-up: how many kudos, from how many people, and their spotlight weight.
public struct KudosSpotlight: Codable, Sendable, Equatable {
    /// The member who received kudos.
    public var member: MemberID
    /// Kudos received in the period.
    public var count: Int
    /// Distinct members who gave them.
    public var givers: Int
    /// The receiver's tier when the round-up was built.
    public var tier: EngagementTier
    /// `count × boost(tier)`: what the ranking sorts by.
    public var weight: Double
    /// The reasons, oldest first.
    public var reasons: [String]

    /// A spotlight line.
    public init(member: MemberID, count: Int, givers: Int, tier: EngagementTier, weight: Double, reasons: [String]) {
        self.member = member
        self.count = count
        self.givers = givers
        self.tier = tier
        self.weight = weight
        self.reasons = reasons
    }
}
