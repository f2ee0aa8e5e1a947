import ConvenerCore

/// One place queued messages go: a chat platform, a platform's reply channel, or the playground.
///
/// The worker asks each platform where an entry goes (`destination(of:)`); entries bound for the same
/// destination of one platform form a lane, sent one after another and `pace` apart, while other lanes go on.
public protocol DeliveryPlatform: Sendable {
    /// The platform's name (`slack`, `mattermost`, `discord`, …), recorded with message references.
    var name: String { get }
    /// The least time between two messages to one destination (Slack allows about one a second per channel).
    var pace: Duration { get }
    /// Where `entry` goes on this platform (a channel id, a member's user id, a reply's id), or nil when it does
    /// not go here; throws `PermanentDeliveryFailure` when it should go here but never can.
    func destination(of entry: OutboxEntry) throws -> String?
    /// Sends `entry` to `destination`; `editing` is where the message it updates lives on this platform, when
    /// it does. Returns where the message now lives, or nil when the platform gives no reference.
    ///
    /// Throws `PermanentDeliveryFailure` for a failure no retry can mend; any other error keeps the entry queued.
    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference?
}

extension DeliveryPlatform {
    /// The usual destination of a queued post: `channel` for the community's channel, the member's user id
    /// (after `memberPrefix`) for a direct message to a member of this platform, nothing for replies (they have
    /// a reply target), mails and ephemeral messages.
    public func postDestination(of entry: OutboxEntry, channel: String?, memberPrefix: String = "") -> String? {
        guard entry.replyTarget == nil, entry.mail == nil else { return nil }
        switch entry.message.audience {
        case .channel: return channel
        case .direct(let member): return member.platform == name ? memberPrefix + member.user : nil
        case .ephemeral: return nil
        }
    }
}
