/// A change to the state of tiers, kudos, celebrations, the roster and the round-up, journaled inside `Fact`.
public enum EngagementFact: Codable, Sendable, Equatable {
    /// Placeholder until tiers, kudos, celebrations, the roster and the round-up record anything.
    case placeholder
}
