import Foundation

/// A community holiday: one day or an inclusive range of days on the community's calendar.
public struct CommunityHoliday: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What the accepted text looks like, for error messages.
    public static let formatHint = "use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (first day not after last day)"

    /// The first day of the holiday.
    public let first: RhythmDay
    /// The last day of the holiday (equal to `first` for a single day).
    public let last: RhythmDay
    /// An optional name shown in traces ("Winter break").
    public var name: String?

    /// Creates a holiday from `first` through `last`; nil if `last` is before `first`.
    public init?(first: RhythmDay, last: RhythmDay, name: String? = nil) {
        guard first <= last else { return nil }
        self.first = first
        self.last = last
        self.name = name
    }

    /// Parses `2026-12-25` or `2026-12-24..2026-12-26`; nil for anything else (see `formatHint`).
    public init?(parsing text: String, name: String? = nil) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bounds = trimmed.components(separatedBy: "..")
        switch bounds.count {
        case 1:
            guard let day = RhythmDay(parsing: trimmed) else { return nil }
            self.init(first: day, last: day, name: name)
        case 2:
            guard let first = RhythmDay(parsing: bounds[0].trimmingCharacters(in: .whitespaces)),
                let last = RhythmDay(parsing: bounds[1].trimmingCharacters(in: .whitespaces))
            else { return nil }
            self.init(first: first, last: last, name: name)
        default:
            return nil
        }
    }

    /// Whether `day` is one of the holiday's days.
    public func contains(_ day: RhythmDay) -> Bool { first <= day && day <= last }

    /// `2026-12-25` or `2026-12-24..2026-12-26`.
    public var description: String { first == last ? "\(first)" : "\(first)..\(last)" }
}
