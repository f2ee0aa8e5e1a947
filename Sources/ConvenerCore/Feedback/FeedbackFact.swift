/// A change to the state of anonymous feedback notes, inside `Fact`.
public enum FeedbackFact: Codable, Sendable, Equatable {
    /// A member sent a note. Never journaled: there it would share a record with the author's command and so be
    /// linked to them. It reaches disk without any input beside it: sealed in the feedback pool file in the same
    /// group commit, in a snapshot, in `pendingKept`, or inside the batch the convenors receive.
    case noteReceived(FeedbackNote)
    /// After a restart, the pending notes include again what the sealed feedback pool file held. Never journaled.
    case pendingRestored([FeedbackNote])
    /// The key that seals the feedback pool file was made; written once, in a record of its own at start-up.
    case sealKeyMinted(AnonymityKey)
    /// The pending notes are exactly these (sorted): written at shutdown and once a day, in records of their own.
    case pendingKept([FeedbackNote])
    /// The pending notes went to the convenors as batch `batch`; nothing is pending any more.
    case batchDelivered(FeedbackBatch)
    /// A convenor posted the reply to the authors of batch `number`.
    case replyPosted(batch: Int)

    /// Whether the fact is written to the journal (see `noteReceived`).
    var isJournaled: Bool {
        switch self {
        case .noteReceived, .pendingRestored: false
        default: true
        }
    }
}
