/// How pairing programs behave; the defaults need no configuration.
public struct PairingSettings: Sendable, Hashable {
    /// The programs, in the order they were configured; ids are unique.
    public var programs: [PairingProgram]
    /// How many days after an intro the "did you meet?" question follows.
    public var followUpDays: Int
    /// Above this many members in a round's pool, each member keeps only their best `pruneK` candidates.
    public var pruneAbove: Int
    /// How many candidates each member keeps in a pruned round.
    public var pruneK: Int

    /// A weekly coffee program (Mondays 09:00) and a monthly mentorship program (the 1st, 10:00).
    public static let defaults = PairingSettings(programs: [
        PairingProgram(
            id: "coffee", kind: .coffee, cadence: "0 9 * * MON",
            weights: PairingWeights(interests: 3, timezoneOverlap: 2, tierMix: 1, sinceLastMet: 1)),
        PairingProgram(
            id: "mentorship", kind: .mentorship, cadence: "0 10 1 * *",
            weights: PairingWeights(interests: 3, timezoneOverlap: 2, tierMix: 2, sinceLastMet: 1)),
    ])

    /// Settings.
    public init(programs: [PairingProgram], followUpDays: Int = 4, pruneAbove: Int = 400, pruneK: Int = 20) {
        self.programs = programs
        self.followUpDays = followUpDays
        self.pruneAbove = pruneAbove
        self.pruneK = pruneK
    }

    /// The program called `id`, if configured.
    public func program(_ id: String) -> PairingProgram? {
        programs.first { $0.id == id }
    }
}
