import Foundation

/// Why celebration data was rejected, with what to do instead.
public enum CelebrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The month/day pair does not exist (e.g. 4/31 or 13/1).
    case invalidBirthday(month: Int, day: Int)

    /// The message for the member.
    public var description: String {
        switch self {
        case .invalidBirthday(let month, let day):
            "There is no day \(day) in month \(month). Give your birthday as month and day, "
                + "for example month 12 and day 24 (no year needed)."
        }
    }
}
