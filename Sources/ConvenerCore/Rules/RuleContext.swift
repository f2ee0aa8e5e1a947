/// The community a rule runs in: the `community` and `members` variables, and the members by id.
///
/// The member list is built only when it is read (a rule whose conditions use `members`), because an event
/// reaches the rules on every first contact and most rules never look at the whole community: building and
/// sorting every member's view per event made a join cost grow with the community's size.
public struct RuleContext: Sendable {
    /// The community.
    public let community: RuleCommunityView
    /// How many members the community has.
    public let memberCount: Int
    /// How many members convene the community, counted when read: only a run that notifies the convenors needs it,
    /// and counting turns every configured convenor into a member id, on every event of every first contact.
    public var convenorCount: Int { countConvenors() }
    private let countConvenors: @Sendable () -> Int
    private let lookup: @Sendable (MemberID) -> RuleMemberView?
    private let everyone: @Sendable () -> [RuleMemberView]

    /// Every member, ordered by id so that `members` and `foreach` are deterministic; built on each read.
    public var members: [RuleMemberView] { everyone() }

    /// A context over a list of member views, in any order.
    public init(community: RuleCommunityView, members: [RuleMemberView]) {
        let sorted = members.sorted { $0.id < $1.id }
        let byID = Dictionary(sorted.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let convenors = sorted.reduce(0) { $0 + ($1.isConvenor ? 1 : 0) }
        self.init(
            community: community, memberCount: sorted.count, convenorCount: { convenors },
            member: { byID[$0] }, members: { sorted })
    }

    /// A context whose members are looked up one at a time and listed only when `members` is read.
    public init(
        community: RuleCommunityView, memberCount: Int, convenorCount: @escaping @Sendable () -> Int,
        member: @escaping @Sendable (MemberID) -> RuleMemberView?,
        members: @escaping @Sendable () -> [RuleMemberView]
    ) {
        self.community = community
        self.memberCount = memberCount
        self.countConvenors = convenorCount
        self.lookup = member
        self.everyone = members
    }

    /// The member with `id`, if known.
    public func member(_ id: MemberID) -> RuleMemberView? {
        lookup(id)
    }
}
