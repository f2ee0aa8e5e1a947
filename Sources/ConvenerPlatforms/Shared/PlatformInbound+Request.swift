import ConvenerCore

extension PlatformInbound {
    /// The request an inbound stands for on `platform`, whether it was pushed over HTTP or pulled: an input as it
    /// is, a join, leave or reaction as the event input with the platform's event id; nil for a handshake or
    /// nothing to do.
    public func request(platform: String) -> PlatformRequest? {
        switch self {
        case .input(let request):
            return request
        case .memberJoined(let joined), .memberLeft(let joined):
            let isJoin: Bool
            if case .memberJoined = self { isJoin = true } else { isJoin = false }
            return PlatformRequest(
                input: Input(
                    id: "\(platform).ev.\(joined.eventID)", member: joined.member, displayName: joined.displayName,
                    event: isJoin ? .joined : .left),
                context: PlatformReplyContext(platform: platform, channelID: joined.channelID, teamID: joined.teamID))
        case .reaction(let reaction):
            return PlatformRequest(
                input: Input(
                    id: "\(platform).ev.\(reaction.eventID)", member: reaction.member,
                    displayName: reaction.member.user, event: .reaction(emoji: reaction.emoji),
                    respondsTo: reaction.messageID),
                context: PlatformReplyContext(platform: platform, channelID: reaction.channelID))
        case .reply, .ignored:
            return nil
        }
    }
}
