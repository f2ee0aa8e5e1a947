import Foundation

/// An opt-in birthday: month and day only, never the year.
///
/// February 29 is accepted; in non-leap years it is celebrated on February 28, so the member is
/// greeted every year and still within their own birthday "season" rather than in March.
public struct CelebrationBirthday: Codable, Sendable, Equatable, Hashable {
    /// Month, 1–12.
    public let month: Int
    /// Day of the month, valid for that month in a leap year.
    public let day: Int

    /// A birthday, or an error naming the month/day that does not exist.
    public init(month: Int, day: Int) throws(CelebrationError) {
        let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...lengths[month - 1]).contains(day) else {
            throw .invalidBirthday(month: month, day: day)
        }
        self.month = month
        self.day = day
    }

    /// Decodes and validates a stored birthday.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            month: container.decode(Int.self, forKey: .month),
            day: container.decode(Int.self, forKey: .day)
        )
    }

    /// The month and day the birthday is celebrated on in `year` (Feb 29 → Feb 28 outside leap years).
    public func observed(in year: Int) -> (month: Int, day: Int) {
        CelebrationDate.observed(month: month, day: day, in: year)
    }

    private enum CodingKeys: String, CodingKey {
        case month
        case day
    }
}
