import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Late replies to Slack slash commands and clicks, posted to the request's `response_url` (5 uses within
/// 30 minutes; no token needed: the URL is the credential, so it is never logged).
struct SlackResponseDelivery: DeliveryPlatform {
    /// Sends the API calls, with retries.
    let exchange: DeliveryExchange
    /// Tells whether the reply window is still open.
    let clock: any WallClock

    var name: String { "slack-response" }
    var pace: Duration { .zero }

    /// The target of a request's late replies: its `response_url`, good for 30 minutes and 5 uses.
    static func target(responseURL: String?, now: Date) -> OutboxReplyTarget? {
        responseURL.map {
            OutboxReplyTarget(
                platform: "slack", address: ["url": $0], expiresAt: now.addingTimeInterval(30 * 60), maxReplies: 5)
        }
    }

    func destination(of entry: OutboxEntry) throws -> String? {
        entry.lateReplyDestination(on: "slack")
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        guard
            let url = try entry.openReplyAddress(
                on: "slack", keys: ["url"], now: clock.now(), what: "slack response_url", window: "30-minute"
            )?.first
        else { return nil }
        let body: Data
        do {
            body = try SlackRenderer.commandResponse(entry.message)
        } catch {
            throw PermanentDeliveryFailure(reason: "slack: the reply cannot be rendered: \(error)")
        }
        let request = PlatformAPIResponse.json("POST", url, body: body, authorization: nil)
        _ = try await exchange.perform(
            request, label: "slack response_url", platformError: PlatformAPIResponse.slackError)
        return nil
    }
}
