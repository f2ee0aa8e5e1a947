/// One pairing program from the config's `pairing.programs`: who is paired, how often, and what counts.
public struct PairingProgram: Sendable, Hashable {
    /// What a program pairs.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Peers meet for a chat, in pairs or trios.
        case coffee
        /// Mentors take mentees, up to each mentor's capacity.
        case mentorship
    }

    /// A short name, unique among the programs (`coffee`, `mentors-emea`).
    public var id: String
    /// Coffee or mentorship.
    public var kind: Kind
    /// 2 for pairs (an odd count gives one trio), 3 for trios; mentorship is always one mentor with one mentee.
    public var groupSize: Int
    /// A five-field cron read in the community's time zone; nil runs rounds only when a rule asks.
    public var cadence: String?
    /// Two members who met in the last `repeatWindow` rounds of this program are not paired again.
    public var repeatWindow: Int
    /// What makes a good pair.
    public var weights: PairingWeights
    /// The local working hours every member is assumed to keep, in their own time zone.
    public var workingHours: PairingWorkingHours

    /// A program.
    public init(
        id: String, kind: Kind, groupSize: Int = 2, cadence: String? = nil, repeatWindow: Int = 6,
        weights: PairingWeights = PairingWeights(), workingHours: PairingWorkingHours = .standard
    ) {
        self.id = id
        self.kind = kind
        self.groupSize = groupSize
        self.cadence = cadence
        self.repeatWindow = repeatWindow
        self.weights = weights
        self.workingHours = workingHours
    }

    /// "Coffee" or "Mentorship" for `coffee`/`mentorship`, else the id as written.
    public var title: String {
        id.prefix(1).uppercased() + id.dropFirst()
    }
}
