import Foundation

/// How engagement messages name members, and how a mention in a command finds one.
struct EngagementDirectory {
    let state: CommunityState
    /// The member acting now, as this input leaves them (they may be new to `state`).
    var acting: Member?

    /// A mention of the member for a message (see `CommunityState.mention`), or "a member" for one who asked to be
    /// forgotten.
    func name(_ member: MemberID) -> String {
        state.mention(member, acting: acting)
    }

    /// `@Display Name` as plain text, for what is not a chat message (a data export), or "a member".
    func plainName(_ member: MemberID) -> String {
        if member == EngagementBook.forgottenMember { return "a member" }
        return "@" + state.displayName(of: member, acting: acting)
    }

    /// The member `mention` names, seen from `actor`'s platform; nil when nobody matches.
    ///
    /// A platform user id is taken as given; a user name matches a known member's user id or display name
    /// (case-insensitive); on the playground, where user ids are names, an unknown name is that member.
    func resolve(_ mention: MemberMention, from actor: MemberID) -> MemberID? {
        switch mention.kind {
        case .userID:
            return MemberID(platform: actor.platform, user: mention.id)
        case .username:
            let wanted = mention.id.lowercased()
            let direct = MemberID(platform: actor.platform, user: mention.id)
            if state.members[direct] != nil { return direct }
            let match = state.members.values.filter {
                $0.id.platform == actor.platform
                    && ($0.id.user.lowercased() == wanted || $0.displayName.lowercased() == wanted)
            }.min { $0.id < $1.id }
            if let match { return match.id }
            return actor.platform == "playground" ? direct : nil
        }
    }
}

/// Queues engagement messages in the outbox, with deterministic ids and quiet hours for direct messages.
enum EngagementOutbox {
    /// A queued message `id` to `audience`; direct messages in quiet hours wait until the window ends.
    static func queue(_ audience: Audience, _ text: String, id: String, _ context: FeatureContext) -> Fact {
        let message = OutboundMessage(id: id, audience: audience, text: text)
        return .messageQueued(OutboxEntry(message: message, queuedAt: context.now, respecting: context.profile))
    }

    /// The community-local day of `instant`, `yyyy-MM-dd`.
    static func day(_ instant: Date, _ context: FeatureContext) -> String {
        KudosLedger.dayKey(of: instant, in: context.profile.timeZone)
    }
}
