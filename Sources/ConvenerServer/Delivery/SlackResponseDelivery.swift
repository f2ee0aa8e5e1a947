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

    func destination(of entry: OutboxEntry) throws -> String? {
        guard case .slackResponseURL = entry.replyTarget else { return nil }
        return entry.message.id
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        guard case .slackResponseURL(let url, let expiresAt) = entry.replyTarget else { return nil }
        guard clock.now() < expiresAt else {
            throw PermanentDeliveryFailure(reason: "slack response_url: the 30-minute reply window closed")
        }
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
