/// A cost the Hungarian solver can add, subtract and compare: plain weights, or lexicographic
/// (pairs first, then weight) for max-cardinality assignment.
protocol MatchingHungarianCost: Comparable, Sendable {
    /// The additive identity.
    static var zero: Self { get }
    /// Returns `lhs + rhs`.
    static func + (lhs: Self, rhs: Self) -> Self
    /// Returns `lhs - rhs`.
    static func - (lhs: Self, rhs: Self) -> Self
}

extension Int64: MatchingHungarianCost {}

/// A lexicographic cost: `primary` decides, `secondary` breaks ties.
struct MatchingLexicographicCost: MatchingHungarianCost {
    /// The deciding component (minus the number of assignments).
    var primary: Int64
    /// The tie-breaking component (minus the total weight).
    var secondary: Int64

    static let zero = MatchingLexicographicCost(primary: 0, secondary: 0)

    static func + (lhs: Self, rhs: Self) -> Self {
        Self(primary: lhs.primary + rhs.primary, secondary: lhs.secondary + rhs.secondary)
    }

    static func - (lhs: Self, rhs: Self) -> Self {
        Self(primary: lhs.primary - rhs.primary, secondary: lhs.secondary - rhs.secondary)
    }

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.primary, lhs.secondary) < (rhs.primary, rhs.secondary)
    }
}
