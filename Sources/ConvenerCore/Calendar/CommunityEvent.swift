import Foundation

/// A recurring (or one-off) community event from the config: a meetup, a study group, office hours.
public struct CommunityEvent: Sendable, Hashable {
    /// How the event repeats.
    public enum Recurrence: Sendable, Hashable {
        /// Once, at `start`.
        case once
        /// By an RFC 5545 rule, from `start`.
        case rule(RecurrenceRule)
        /// By a cron schedule in the community's zone; `start` is the first time it may fire.
        case cron(CronExpression)
    }

    /// Stable id (the config's `id`, or a slug of the title): the calendar UID is made from it.
    public var id: String
    /// What calendars show.
    public var title: String
    /// More words for the description, if any.
    public var details: String?
    /// Where: a room or an address.
    public var location: String?
    /// A video call or page link.
    public var link: String?
    /// The first start, on the community's clock.
    public var start: CivilDateTime
    /// Minutes from start to end.
    public var durationMinutes: Int
    /// How it repeats.
    public var recurrence: Recurrence
    /// Local days on which an instance is called off.
    public var cancelled: Set<RhythmDay>
    /// Whether instances on the community's holidays are called off (the default) or kept.
    public var skipsHolidays: Bool
    /// The zone a cron recurrence is read in when it is not the community's (a rule's schedule that names one).
    public var scheduleTimeZone: TimeZone?

    /// An event.
    public init(
        id: String, title: String, details: String? = nil, location: String? = nil, link: String? = nil,
        start: CivilDateTime, durationMinutes: Int = 60, recurrence: Recurrence = .once,
        cancelled: Set<RhythmDay> = [], skipsHolidays: Bool = true
    ) {
        self.id = id
        self.title = title
        self.details = details
        self.location = location
        self.link = link
        self.start = start
        self.durationMinutes = durationMinutes
        self.recurrence = recurrence
        self.cancelled = cancelled
        self.skipsHolidays = skipsHolidays
    }
}
