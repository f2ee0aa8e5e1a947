import Foundation

/// How many kudos a giver gave on one local day.
public struct KudosAllowance: Codable, Sendable, Equatable {
    /// The giver's local day, `yyyy-MM-dd`.
    public var day: String
    /// Kudos given that day.
    public var count: Int

    /// An allowance record.
    public init(day: String, count: Int) {
        self.day = day
        self.count = count
    }
}
