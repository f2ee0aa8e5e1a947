import Foundation

/// Where a member sits in the community, from the centre outwards (Wenger's tiers).
public enum EngagementTier: String, Codable, Sendable, Equatable, CaseIterable, Comparable {
    /// Peripheral: reads, rarely posts; new members start here.
    case peripheral
    /// Occasional: posts now and then.
    case occasional
    /// Active: takes part most weeks.
    case active
    /// Core: carries the community day to day.
    case core

    /// The tier's position from the outside in: peripheral is 0, core is 3.
    public var rank: Int {
        switch self {
        case .peripheral: 0
        case .occasional: 1
        case .active: 2
        case .core: 3
        }
    }

    /// Orders tiers from peripheral (lowest) to core (highest).
    public static func < (lhs: EngagementTier, rhs: EngagementTier) -> Bool { lhs.rank < rhs.rank }
}
