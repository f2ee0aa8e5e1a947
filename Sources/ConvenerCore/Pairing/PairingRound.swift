import Foundation

/// One round of one program, as recorded: its seed and pool (so it can be replayed) and the groups it made.
public struct PairingRound: Codable, Sendable, Equatable {
    /// The round's number, unique across programs (`pair.met.<number>.yes`).
    public var number: Int
    /// The program's id.
    public var program: String
    /// Coffee or mentorship.
    public var kind: PairingProgram.Kind
    /// When it ran.
    public var at: Date
    /// The seed of its tie-breaking jitter.
    public var seed: UInt64
    /// Who could be paired, in pool order.
    public var pool: [PairingParticipant]
    /// The groups made.
    public var groups: [PairingGroup]
    /// Members of the pool nobody could be paired with this time (every candidate ruled out).
    public var unplaced: [MemberID]
    /// When "did you meet?" is asked.
    public var followUpAt: Date
    /// Whether "did you meet?" was sent.
    public var followUpSent: Bool

    /// A round.
    public init(
        number: Int, program: String, kind: PairingProgram.Kind, at: Date, seed: UInt64, pool: [PairingParticipant],
        groups: [PairingGroup], unplaced: [MemberID], followUpAt: Date, followUpSent: Bool = false
    ) {
        self.number = number
        self.program = program
        self.kind = kind
        self.at = at
        self.seed = seed
        self.pool = pool
        self.groups = groups
        self.unplaced = unplaced
        self.followUpAt = followUpAt
        self.followUpSent = followUpSent
    }

    /// The group `member` was in, if any.
    public func group(of member: MemberID) -> PairingGroup? {
        groups.first { $0.members.contains(member) }
    }
}
