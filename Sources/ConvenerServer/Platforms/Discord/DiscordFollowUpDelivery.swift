import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Late replies to Discord interactions, posted to the interaction webhook
/// (`POST /webhooks/{application}/{token}`, within 15 minutes; the token is the credential, never logged).
struct DiscordFollowUpDelivery: DeliveryPlatform {
    /// The API base, e.g. `https://discord.com/api/v10`.
    let apiBase: String
    /// Sends the API calls, with retries.
    let exchange: DeliveryExchange
    /// Tells whether the reply window is still open.
    let clock: any WallClock

    var name: String { "discord-followup" }
    var pace: Duration { .zero }

    /// The target of an interaction's late replies: its webhook, good for 15 minutes.
    static func target(applicationID: String?, token: String?, now: Date) -> OutboxReplyTarget? {
        guard let applicationID, let token else { return nil }
        return OutboxReplyTarget(
            platform: "discord", address: ["applicationID": applicationID, "token": token],
            expiresAt: now.addingTimeInterval(15 * 60), maxReplies: 10)
    }

    func destination(of entry: OutboxEntry) throws -> String? {
        guard entry.replyTarget?.platform == "discord" else { return nil }
        return entry.message.id
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        guard let target = entry.replyTarget, target.platform == "discord" else { return nil }
        guard let application = target.address["applicationID"], let token = target.address["token"] else {
            throw PermanentDeliveryFailure(reason: "discord follow-up: the reply target has no interaction token")
        }
        guard clock.now() < target.expiresAt else {
            throw PermanentDeliveryFailure(reason: "discord follow-up: the 15-minute interaction window closed")
        }
        let body: Data
        do {
            body = try DiscordRenderer.followup(entry.message)
        } catch {
            throw PermanentDeliveryFailure(reason: "discord: the reply cannot be rendered: \(error)")
        }
        let request = PlatformAPIResponse.json(
            "POST", "\(apiBase)/webhooks/\(application)/\(token)", body: body, authorization: nil)
        _ = try await exchange.perform(request, label: "discord follow-up webhook")
        return nil
    }
}
