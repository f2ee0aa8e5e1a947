/// A change to the state of anonymous feedback notes, journaled inside `Fact`.
public enum FeedbackFact: Codable, Sendable, Equatable {
    /// Placeholder until anonymous feedback notes record anything.
    case placeholder
}
