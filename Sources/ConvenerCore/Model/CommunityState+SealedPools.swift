/// The sealed pool files: where anonymous answers and notes wait on disk for their batch, so a kill -9 loses none
/// that was acknowledged. The shell seals and writes them; the core says what they hold and what they mean.
extension CommunityState {
    /// The pool of feedback notes.
    public static let feedbackPool = "feedback"

    /// The pool of survey `id`: `survey-S1`.
    public static func surveyPool(_ id: String) -> String { "survey-\(id)" }

    /// What the pool files must hold after `facts` (already applied to this state): one change per pool they
    /// touched, in a fixed order. A survey image's responses are shuffled with `randomness` at every write, so two
    /// copies of the file, even opened, say nothing about which answer came last.
    public func sealedPoolChanges(after facts: [Fact], randomness: CommunityRandomness) -> [SealedPoolChange] {
        var surveyIDs = Set<String>()
        var feedbackTouched = false
        for fact in facts {
            switch fact {
            case .survey(.answerPooled(let id, _)), .survey(.batchRecorded(let id, _, _)),
                .survey(.closed(let id, _, _)):
                surveyIDs.insert(id)
            case .feedback(.noteReceived), .feedback(.batchDelivered), .feedback(.sealKeyMinted):
                feedbackTouched = true
            case .memberForgotten:
                // Forgetting drops the member's waiting answers from memory; their files must follow.
                surveyIDs.formUnion(surveys.openSurveys.map(\.id))
            default:
                break
            }
        }
        var changes: [SealedPoolChange] = []
        var generator = randomness.generator
        for id in surveyIDs.sorted() {
            let pool = surveys.pools[id] ?? []
            guard let record = surveys.survey(id), record.isOpen, let key = record.key, !pool.isEmpty else {
                changes.append(SealedPoolChange(pool: Self.surveyPool(id), contents: nil))
                continue
            }
            let image = SealedPoolImage(
                generation: record.batches.count, tokens: pool.map(\.token).sorted(),
                responses: pool.map(\.response).shuffled(using: &generator))
            changes.append(
                SealedPoolChange(
                    pool: Self.surveyPool(id), contents: (key.sealingKey(pool: Self.surveyPool(id)), image)))
        }
        if feedbackTouched {
            if let key = feedback.sealKey, !feedback.pending.isEmpty {
                let image = SealedPoolImage(generation: feedback.nextBatch, notes: feedback.pending)
                changes.append(
                    SealedPoolChange(
                        pool: Self.feedbackPool, contents: (key.sealingKey(pool: Self.feedbackPool), image)))
            } else if feedback.pending.isEmpty {
                changes.append(SealedPoolChange(pool: Self.feedbackPool, contents: nil))
            }
        }
        return changes
    }

    /// The key that opens pool file `pool`, or nil when nothing may open it any more: its survey closed or is not
    /// known (the file outlived a crash between the close and its removal), or no feedback key exists.
    public func sealingKey(pool: String) -> [UInt8]? {
        if pool == Self.feedbackPool {
            return feedback.sealKey?.sealingKey(pool: pool)
        }
        guard pool.hasPrefix("survey-"), let record = surveys.survey(String(pool.dropFirst("survey-".count))),
            record.isOpen, let key = record.key
        else { return nil }
        return key.sealingKey(pool: pool)
    }

    /// The fact that puts an opened pool image back in memory after a restart, or nil when the image is stale
    /// (its items were written down in a batch the journal holds) or its pool has closed.
    public func restoring(pool: String, image: SealedPoolImage) -> Fact? {
        if pool == Self.feedbackPool {
            guard image.generation == feedback.nextBatch, !image.notes.isEmpty else { return nil }
            return .feedback(.pendingRestored(image.notes))
        }
        let id = String(pool.dropFirst("survey-".count))
        guard pool.hasPrefix("survey-"), let record = surveys.survey(id), record.isOpen,
            image.generation == record.batches.count, image.tokens.count == image.responses.count,
            !image.tokens.isEmpty
        else { return nil }
        return .survey(.poolRestored(survey: id, tokens: image.tokens, responses: image.responses))
    }
}
