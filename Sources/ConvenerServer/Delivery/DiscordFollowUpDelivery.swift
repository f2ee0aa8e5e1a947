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

    func destination(of entry: OutboxEntry) throws -> String? {
        guard case .discordFollowUp = entry.replyTarget else { return nil }
        return entry.message.id
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        guard case .discordFollowUp(let application, let token, let expiresAt) = entry.replyTarget else { return nil }
        guard clock.now() < expiresAt else {
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
