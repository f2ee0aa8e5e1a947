/// A batch of notes delivered to the convenors: how many, which days, and whether a convenor has replied.
public struct FeedbackBatch: Codable, Sendable, Equatable {
    /// The batch's number, 1, 2, …
    public var number: Int
    /// How many notes it held.
    public var noteCount: Int
    /// The day of its oldest note.
    public var firstDay: RhythmDay
    /// The day of its newest note.
    public var lastDay: RhythmDay
    /// Whether a convenor posted the one reply to its authors.
    public var isAnswered: Bool

    /// A batch.
    public init(number: Int, noteCount: Int, firstDay: RhythmDay, lastDay: RhythmDay, isAnswered: Bool = false) {
        self.number = number
        self.noteCount = noteCount
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.isAnswered = isAnswered
    }

    /// "2026-11-23" or "2026-11-23 to 2026-11-29".
    public var dayRange: String {
        firstDay == lastDay ? "\(firstDay)" : "\(firstDay) to \(lastDay)"
    }
}
