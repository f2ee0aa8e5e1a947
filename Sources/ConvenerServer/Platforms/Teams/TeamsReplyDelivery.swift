import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Replies to Teams activities, sent through the connector after the activity was acknowledged: in the
/// conversation, as a reply to the activity (`POST …/activities/{replyToId}`). A reply only its member may see goes
/// to their 1:1 conversation instead when the activity came from a channel or group chat, since Teams shows a bot's
/// message to everyone in the conversation.
struct TeamsReplyDelivery: DeliveryPlatform {
    /// The connector.
    let connector: TeamsConnector
    /// Tells whether the reply window is still open.
    let clock: any WallClock

    var name: String { "teams-reply" }
    var pace: Duration { .zero }

    /// The target of an activity's replies: its conversation, for a day.
    static func target(address: [String: String], now: Date) -> OutboxReplyTarget? {
        guard TeamsConversationAddress(fields: address) != nil else { return nil }
        return OutboxReplyTarget(
            platform: TeamsSettings.platform, address: address, expiresAt: now.addingTimeInterval(24 * 3600),
            maxReplies: 10)
    }

    func destination(of entry: OutboxEntry) throws -> String? {
        entry.lateReplyDestination(on: TeamsSettings.platform)
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        guard let target = entry.replyTarget, target.platform == TeamsSettings.platform else { return nil }
        guard let address = TeamsConversationAddress(fields: target.address) else {
            throw PermanentDeliveryFailure(reason: "teams reply: the reply target has no conversation")
        }
        guard clock.now() < target.expiresAt else {
            throw PermanentDeliveryFailure(reason: "teams reply: the one-day reply window closed")
        }
        let activity = try TeamsConnector.activity(entry.message)
        if let editing {
            try await connector.update(activity, in: editing.channel, activityID: editing.messageID)
            return editing
        }
        if entry.message.isEphemeral, !address.isPersonal, let user = address.user {
            let direct = try await connector.directConversation(with: user)
            let id = try await connector.post(activity, to: direct.conversation, serviceURL: direct.serviceURL)
            return id.map { PlatformMessageReference(platform: name, channel: direct.conversation, messageID: $0) }
        }
        let id = try await connector.post(
            activity, to: address.conversation, replyTo: address.activity, serviceURL: address.serviceURL)
        return id.map { PlatformMessageReference(platform: name, channel: address.conversation, messageID: $0) }
    }
}
