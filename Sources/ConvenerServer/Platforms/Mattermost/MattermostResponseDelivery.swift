import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Late replies to Mattermost slash commands, posted to the command's `response_url` (5 uses within
/// 30 minutes; the URL is the credential, so it is never logged).
struct MattermostResponseDelivery: DeliveryPlatform {
    /// Renders replies as command responses (buttons post back to `public_url`).
    let renderer: MattermostRenderer
    /// Sends the API calls, with retries.
    let exchange: DeliveryExchange
    /// Tells whether the reply window is still open.
    let clock: any WallClock

    var name: String { "mattermost-response" }
    var pace: Duration { .zero }

    /// The target of a command's late replies: its `response_url`, good for 30 minutes and 5 uses.
    static func target(responseURL: String?, now: Date) -> OutboxReplyTarget? {
        responseURL.map {
            OutboxReplyTarget(
                platform: "mattermost", address: ["url": $0], expiresAt: now.addingTimeInterval(30 * 60),
                maxReplies: 5)
        }
    }

    func destination(of entry: OutboxEntry) throws -> String? {
        entry.lateReplyDestination(on: "mattermost")
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        guard
            let url = try entry.openReplyAddress(
                on: "mattermost", keys: ["url"], now: clock.now(), what: "mattermost response_url",
                window: "30-minute")?.first
        else { return nil }
        let request = PlatformAPIResponse.json(
            "POST", url, body: renderer.commandResponse(entry.message), authorization: nil)
        _ = try await exchange.perform(request, label: "mattermost response_url")
        return nil
    }
}
