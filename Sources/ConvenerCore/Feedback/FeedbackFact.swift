/// A change to the state of anonymous feedback notes, inside `Fact`.
public enum FeedbackFact: Codable, Sendable, Equatable {
    /// A member sent a note. Kept in memory only: journaled, it would share a record with the author's command
    /// and so be linked to them. It reaches disk without any input beside it: in a snapshot, in `pendingKept`
    /// at shutdown, or inside the batch the convenors receive.
    case noteReceived(FeedbackNote)
    /// The pending notes are exactly these (sorted): written at shutdown and once a day, in records of their own.
    case pendingKept([FeedbackNote])
    /// The pending notes went to the convenors as batch `batch`; nothing is pending any more.
    case batchDelivered(FeedbackBatch)
    /// A convenor posted the reply to the authors of batch `number`.
    case replyPosted(batch: Int)

    /// Whether the fact is written to the journal (see `noteReceived`).
    var isJournaled: Bool {
        if case .noteReceived = self { return false }
        return true
    }
}
