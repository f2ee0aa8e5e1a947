import Foundation

/// The durable state of anonymous feedback notes, inside `CommunityState`. Nothing in it names a member.
public struct FeedbackBox: Codable, Sendable, Equatable {
    /// Notes waiting for their batch, sorted by day and text (never by arrival).
    public private(set) var pending: [FeedbackNote] = []
    /// The newest delivered batches, oldest first (at most `batchLimit`), for the convenors' one reply.
    public private(set) var batches: [FeedbackBatch] = []
    /// The number the next batch gets.
    public private(set) var nextBatch = 1
    /// The key of the sealed feedback pool file, made once at the daemon's first start (nil before).
    public private(set) var sealKey: AnonymityKey?
    /// The day of the oldest note received since the pending notes were last written down on their own, if any;
    /// in memory only, so a restart starts from what the files hold.
    private(set) var unkeptSince: RhythmDay?

    /// How many delivered batches are remembered.
    static let batchLimit = 50

    private enum CodingKeys: String, CodingKey {
        case pending, batches, nextBatch, sealKey
    }

    /// Nothing yet.
    public init() {}

    /// Applies one fact.
    mutating func apply(_ fact: FeedbackFact) {
        switch fact {
        case .noteReceived(let note):
            insert(note)
            unkeptSince = min(unkeptSince ?? note.day, note.day)
        case .pendingKept(let notes):
            merge(notes)
            unkeptSince = nil
        case .pendingRestored(let notes):
            merge(notes)
        case .sealKeyMinted(let key):
            if sealKey == nil { sealKey = key }
        case .batchDelivered(let batch):
            pending = []
            unkeptSince = nil
            batches.append(batch)
            if batches.count > Self.batchLimit { batches.removeFirst(batches.count - Self.batchLimit) }
            nextBatch = max(nextBatch, batch.number + 1)
        case .replyPosted(let number):
            if let index = batches.firstIndex(where: { $0.number == number }) { batches[index].isAnswered = true }
        }
    }

    /// The delivered batch `number`, if still remembered.
    func batch(_ number: Int) -> FeedbackBatch? {
        batches.first { $0.number == number }
    }

    /// Deletes what is stored about `member` (`/cop me forget`): nothing, since notes never name their author.
    mutating func forget(_ member: MemberID) {}

    /// Lines for the weekly round-up: none, since notes are for the convenors only.
    func digestLines(since: Date, until: Date) -> [String] { [] }

    /// What this feature stores about `member`, one line each, for `/cop me`: nothing, notes carry no author.
    func memberDataLines(_ member: MemberID) -> [String] { [] }

    /// A multiset union: replayed over a snapshot or a pool file that already holds some of these notes, none
    /// doubles.
    private mutating func merge(_ notes: [FeedbackNote]) {
        for note in Set(notes) {
            let missing = notes.count { $0 == note } - pending.count { $0 == note }
            for _ in 0..<max(0, missing) { insert(note) }
        }
    }

    private mutating func insert(_ note: FeedbackNote) {
        let index = pending.firstIndex { note < $0 } ?? pending.endIndex
        pending.insert(note, at: index)
    }
}
