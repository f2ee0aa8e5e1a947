import Foundation

/// A change to the state of surveys, inside `Fact`.
public enum SurveyFact: Codable, Sendable, Equatable {
    /// A survey opened, with its fresh key.
    case opened(SurveyRecord)
    /// A member's answer joined the in-memory pool of `survey`. Never journaled (see `isJournaled`).
    case answerPooled(survey: String, entry: SurveyPoolEntry)
    /// The pool of `survey` was written down: its tokens sorted, its answers shuffled, so neither the journal's
    /// order nor the batch's says who answered what. The pool is empty afterwards.
    case batchRecorded(survey: String, tokens: [String], responses: [SurveyResponse])
    /// The threshold of `survey` rose to `threshold`.
    case thresholdRaised(survey: String, threshold: Int)
    /// `survey` closed: only `results` remain; its key, tokens, answers and pool are gone.
    case closed(survey: String, at: Date, results: SurveyResults)

    /// Whether the fact is written to the journal. Survey answers waiting to be flushed in a shuffled batch live
    /// only in memory, so the journal's order never says who answered what.
    var isJournaled: Bool {
        if case .answerPooled = self { return false }
        return true
    }
}
