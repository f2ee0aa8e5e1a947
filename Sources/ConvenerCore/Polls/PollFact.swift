/// A change to the state of polls, journaled inside `Fact`.
public enum PollFact: Codable, Sendable, Equatable {
    /// Placeholder until polls record anything.
    case placeholder
}
