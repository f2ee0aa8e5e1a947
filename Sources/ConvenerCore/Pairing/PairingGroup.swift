/// Members introduced to each other in one round: a pair, a trio, or a mentor (first) with a mentee.
public struct PairingGroup: Codable, Sendable, Equatable {
    /// The members; for mentorship the mentor comes first.
    public var members: [MemberID]
    /// The total weight of the group's pairs, as the matcher saw it.
    public var weight: Int64
    /// Whether they met: true once anyone says yes, false when someone says no and nobody yes; nil unanswered.
    public var met: Bool?
    /// Who answered "did you meet?", so a second click changes nothing.
    public var answeredBy: [MemberID]

    /// A group.
    public init(members: [MemberID], weight: Int64, met: Bool? = nil, answeredBy: [MemberID] = []) {
        self.members = members
        self.weight = weight
        self.met = met
        self.answeredBy = answeredBy
    }
}
