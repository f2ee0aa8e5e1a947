/// One anonymous note: what was written and on which day, never who wrote it or at what time.
public struct FeedbackNote: Codable, Sendable, Hashable, Comparable {
    /// The note, as typed.
    public var text: String
    /// The day it was sent, in the community's time zone.
    public var day: RhythmDay

    /// A note.
    public init(text: String, day: RhythmDay) {
        self.text = text
        self.day = day
    }

    /// Notes order by day, then text, so the order of a list never tells which note came last.
    public static func < (lhs: FeedbackNote, rhs: FeedbackNote) -> Bool {
        (lhs.day, lhs.text) < (rhs.day, rhs.text)
    }
}
