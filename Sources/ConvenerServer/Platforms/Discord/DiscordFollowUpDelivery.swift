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
        entry.lateReplyDestination(on: "discord")
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        guard
            let address = try entry.openReplyAddress(
                on: "discord", keys: ["applicationID", "token"], now: clock.now(), what: "discord follow-up",
                window: "15-minute interaction")
        else { return nil }
        let (application, token) = (address[0], address[1])
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
