import Foundation

/// When and what the bot celebrates.
public struct CelebrationPolicy: Codable, Sendable, Equatable, Hashable {
    /// Local hour of the announcement (default 9).
    public var hour: Int
    /// Local minute of the announcement (default 0).
    public var minute: Int
    /// Whether join anniversaries are celebrated (default true).
    public var anniversaries: Bool
    /// Whether opt-in birthdays are celebrated (default true).
    public var birthdays: Bool
    /// How late a celebration may still be announced after downtime, in hours (default 12): a birthday
    /// greeting at lunchtime is fine, one the next day is not.
    public var maxLatenessHours: Double

    /// A policy; every argument defaults to the documented default.
    public init(
        hour: Int = 9,
        minute: Int = 0,
        anniversaries: Bool = true,
        birthdays: Bool = true,
        maxLatenessHours: Double = 12
    ) {
        self.hour = hour
        self.minute = minute
        self.anniversaries = anniversaries
        self.birthdays = birthdays
        self.maxLatenessHours = maxLatenessHours
    }
}
