import Foundation

/// A change to the state of surveys, inside `Fact`.
public enum SurveyFact: Codable, Sendable, Equatable {
    /// A survey opened, with its fresh key.
    case opened(SurveyRecord)
    /// A member's answer joined the pool of `survey`. Never journaled (see `isJournaled`): the shell seals the
    /// pool into its pool file in the same group commit instead.
    case answerPooled(survey: String, entry: SurveyPoolEntry)
    /// After a restart, the pool of `survey` holds again what its sealed pool file held. Never journaled.
    case poolRestored(survey: String, tokens: [String], responses: [SurveyResponse])
    /// The pool of `survey` was written down: its tokens sorted, its answers shuffled, so neither the journal's
    /// order nor the batch's says who answered what. The pool is empty afterwards.
    case batchRecorded(survey: String, tokens: [String], responses: [SurveyResponse])
    /// The threshold of `survey` rose to `threshold`.
    case thresholdRaised(survey: String, threshold: Int)
    /// `survey` closed: only `results` remain; its key, tokens, answers and pool are gone.
    case closed(survey: String, at: Date, results: SurveyResults)

    /// Whether the fact is written to the journal. Survey answers waiting to be flushed in a shuffled batch live
    /// in memory and in the sealed pool file, never in the journal, so its order never says who answered what.
    var isJournaled: Bool {
        switch self {
        case .answerPooled, .poolRestored: false
        default: true
        }
    }
}
