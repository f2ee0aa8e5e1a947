/// What a schedule rule puts on the community's calendar: its fire times, as an event with these details.
///
/// A rule's `calendar:` key turns a rhythm that already exists as a rule (a weekly study group whose rule posts
/// the link at the start) into calendar entries, without writing its time twice. The event's id is the rule's id.
public struct RuleCalendarEntry: Sendable, Equatable {
    /// What calendars show.
    public var title: String
    /// Minutes from start to end.
    public var durationMinutes: Int
    /// Where: a room or an address.
    public var location: String?
    /// A video call or page link.
    public var link: String?
    /// More words for the description.
    public var details: String?

    /// An entry.
    public init(
        title: String, durationMinutes: Int = 60, location: String? = nil, link: String? = nil, details: String? = nil
    ) {
        self.title = title
        self.durationMinutes = durationMinutes
        self.location = location
        self.link = link
        self.details = details
    }
}
