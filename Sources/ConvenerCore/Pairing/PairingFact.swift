/// A change to the state of pairing programs, journaled inside `Fact`.
public enum PairingFact: Codable, Sendable, Equatable {
    /// Placeholder until pairing programs record anything.
    case placeholder
}
