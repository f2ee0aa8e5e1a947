/// What a scheduled rule does when its fire time falls on a community holiday.
public enum HolidayHandling: String, Codable, Sendable, CaseIterable {
    /// The fire is dropped (and reported).
    case skip
    /// The fire moves to the next non-holiday day, at the same local time.
    case postpone
    /// Holidays do not affect the rule.
    case ignore

    /// The handling used when a rule names none.
    public static let standard: HolidayHandling = .skip
}
