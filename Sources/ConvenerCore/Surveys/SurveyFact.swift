/// A change to the state of surveys, journaled inside `Fact`.
public enum SurveyFact: Codable, Sendable, Equatable {
    /// Placeholder until surveys record anything.
    case placeholder

    /// Whether the fact is written to the journal. Survey answers waiting to be flushed in a shuffled batch live
    /// only in memory, so the journal's order never says who answered what.
    var isJournaled: Bool { true }
}
