import Foundation

/// What to do with one fire instant given the community's holidays.
public enum HolidayDecision: Sendable, Hashable {
    /// Run at the instant (no holiday, or the rule ignores holidays).
    case run(Date)
    /// Do not run: the instant falls on `holiday`.
    case skip(holiday: CommunityHoliday)
    /// Run later, at `date`, because the instant falls on `holiday`.
    case postpone(to: Date, holiday: CommunityHoliday)
}
