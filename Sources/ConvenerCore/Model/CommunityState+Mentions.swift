extension CommunityState {
    /// How every message names `member`: a mention placeholder that `OutboundMessage` turns into a structured
    /// mention ("@Display Name" in plain text), or "a member" for someone who asked to be forgotten.
    ///
    /// `acting` is the member of the input being handled, who may not be in the state yet.
    public func mention(_ member: MemberID, acting: Member? = nil) -> String {
        if member == EngagementBook.forgottenMember { return "a member" }
        return MessageMention.placeholder(member, name: displayName(of: member, acting: acting))
    }

    /// The member's display name, or their platform user id for a member never seen.
    public func displayName(of member: MemberID, acting: Member? = nil) -> String {
        if let acting, acting.id == member { return acting.displayName }
        return members[member]?.displayName ?? member.user
    }
}
