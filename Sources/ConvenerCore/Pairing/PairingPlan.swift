/// The groups one round makes, before anything is recorded or sent.
public struct PairingPlan: Sendable, Equatable {
    /// The groups: pairs, trios, or mentor (first) and mentee.
    public var groups: [PairingGroup]
    /// Pool members no group could take (every candidate ruled out, or no mentor had room).
    public var unplaced: [MemberID]
    /// The sum of the groups' weights.
    public var totalWeight: Int64
    /// Whether the candidate graph was pruned to each member's best candidates (a large pool).
    public var pruned: Bool

    /// A plan.
    public init(groups: [PairingGroup], unplaced: [MemberID], totalWeight: Int64, pruned: Bool) {
        self.groups = groups
        self.unplaced = unplaced
        self.totalWeight = totalWeight
        self.pruned = pruned
    }
}
