/// The community a rule runs in: the `community` and `members` variables, and the members by id.
public struct RuleContext: Sendable {
    /// The community.
    public let community: RuleCommunityView
    /// Every member, ordered by id so that `members` and `foreach` are deterministic.
    public let members: [RuleMemberView]
    private let indexByID: [MemberID: Int]

    /// A context; `members` may come in any order.
    public init(community: RuleCommunityView, members: [RuleMemberView]) {
        self.community = community
        self.members = members.sorted { $0.id < $1.id }
        var index: [MemberID: Int] = [:]
        for (offset, member) in self.members.enumerated() { index[member.id] = offset }
        indexByID = index
    }

    /// The member with `id`, if known.
    public func member(_ id: MemberID) -> RuleMemberView? {
        indexByID[id].map { members[$0] }
    }

    /// How many members convene the community.
    public var convenorCount: Int { members.reduce(0) { $0 + ($1.isConvenor ? 1 : 0) } }
}
