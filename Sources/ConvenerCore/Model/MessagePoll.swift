/// What makes a message a poll, for a platform with native polls (Matrix's MSC3381 events): the question, the
/// answers, how many may be picked, and the counts once it closed. Every platform gets the same text and buttons as
/// well, so one without native polls ignores this; a platform that shows it natively sends the member's whole vote
/// back as `InputEvent.vote`, with these answers' ids.
public struct MessagePoll: Codable, Sendable, Equatable {
    /// The question.
    public var question: String
    /// The answers, in order; each id is the id of the button that votes for it.
    public var answers: [MessageAction]
    /// How many answers one member may pick.
    public var maxSelections: Int
    /// Whether only counts are kept: a platform must not show a vote where others can read who cast it.
    public var isAnonymous: Bool
    /// Whether counts stay hidden until the poll closes.
    public var hidesResultsUntilClosed: Bool
    /// Whether the poll is closed: the message is its final results.
    public var isClosed: Bool
    /// The votes for each answer, in order, once closed; empty while open.
    public var counts: [Int]

    /// A poll description.
    public init(
        question: String, answers: [MessageAction], maxSelections: Int, isAnonymous: Bool,
        hidesResultsUntilClosed: Bool, isClosed: Bool, counts: [Int] = []
    ) {
        self.question = question
        self.answers = answers
        self.maxSelections = maxSelections
        self.isAnonymous = isAnonymous
        self.hidesResultsUntilClosed = hidesResultsUntilClosed
        self.isClosed = isClosed
        self.counts = counts
    }
}
