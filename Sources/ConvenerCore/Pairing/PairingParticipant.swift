/// A member as a round saw them: the profile values and tier the weights used, kept so a replay gives the same
/// pairs even after the profile changed.
public struct PairingParticipant: Codable, Sendable, Equatable {
    /// Who.
    public var member: MemberID
    /// Their role.
    public var role: PairingProfile.Role
    /// Their interests.
    public var interests: [String]
    /// Their time zone (the community's when they gave none).
    public var timeZone: String
    /// Mentees per round, for mentors.
    public var capacity: Int
    /// Engagement tier from 0 (peripheral) to 2 (core).
    public var tier: Int
    /// Members they must not meet: their own `not` list plus everyone whose list names them, sorted.
    public var avoid: [MemberID]

    /// A participant.
    public init(
        member: MemberID, role: PairingProfile.Role, interests: [String], timeZone: String, capacity: Int, tier: Int,
        avoid: [MemberID]
    ) {
        self.member = member
        self.role = role
        self.interests = interests
        self.timeZone = timeZone
        self.capacity = capacity
        self.tier = tier
        self.avoid = avoid
    }
}
