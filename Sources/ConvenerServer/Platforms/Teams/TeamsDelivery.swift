import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Queued posts to Teams: channel posts to the community's `teams_channel` (a new thread), direct messages to each
/// member's 1:1 conversation (created proactively the first time), and edits in place with
/// `PUT …/activities/{id}` (a poll's counts). A 429's `Retry-After` is honoured by the exchange.
struct TeamsDelivery: DeliveryPlatform {
    /// The connector.
    let connector: TeamsConnector
    /// The community's channel, when it has one.
    let channel: String?

    var name: String { TeamsSettings.platform }
    /// Teams allows about 7 messages a second per conversation and fewer over longer windows.
    var pace: Duration { .milliseconds(500) }

    // "@" marks a member, whose 1:1 conversation is looked up when sending.
    func destination(of entry: OutboxEntry) throws -> String? {
        postDestination(of: entry, channel: channel, memberPrefix: "@")
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        let activity = try TeamsConnector.activity(entry.message)
        if let editing {
            try await connector.update(activity, in: editing.channel, activityID: editing.messageID)
            return editing
        }
        var conversation = destination
        var serviceURL: String?
        if destination.hasPrefix("@") {
            let direct = try await connector.directConversation(with: String(destination.dropFirst()))
            conversation = direct.conversation
            serviceURL = direct.serviceURL
        }
        guard let id = try await connector.post(activity, to: conversation, serviceURL: serviceURL) else { return nil }
        return PlatformMessageReference(platform: name, channel: conversation, messageID: id)
    }
}
