import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Slack's Web API: channel posts to the community's `slack_channel`, direct messages to Slack members
/// (`chat.postMessage` with the user id as channel), and edits in place with `chat.update` and the recorded `ts`.
struct SlackDelivery: DeliveryPlatform {
    /// The bot token.
    let token: String
    /// The Web API base URL, e.g. `https://slack.com/api`.
    let apiBaseURL: String
    /// The community's channel id, when it has one.
    let channel: String?
    /// Sends the API calls, with retries.
    let exchange: DeliveryExchange

    var name: String { SlackParser.platform }
    /// Slack allows about one message a second per channel.
    var pace: Duration { .seconds(1) }

    func destination(of entry: OutboxEntry) throws -> String? {
        postDestination(of: entry, channel: channel)
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        let request = try Self.request(
            for: entry.message, to: destination, editing: editing, token: token, apiBaseURL: apiBaseURL)
        let method = editing == nil ? "chat.postMessage" : "chat.update"
        let response = try await exchange.perform(
            request, label: "slack \(method)", platformError: PlatformAPIResponse.slackError)
        if let editing { return editing }
        guard let ts = PlatformAPIResponse.string("ts", in: response.body) else { return nil }
        let channel = PlatformAPIResponse.string("channel", in: response.body) ?? destination
        return PlatformMessageReference(platform: name, channel: channel, messageID: ts)
    }

    /// The `chat.postMessage` request, or `chat.update` of `editing`.
    static func request(
        for message: OutboundMessage, to destination: String, editing: PlatformMessageReference?, token: String,
        apiBaseURL: String
    ) throws -> HTTPTransportRequest {
        let body: Data
        do {
            if let editing {
                body = try SlackRenderer.update(message, channel: editing.channel, ts: editing.messageID)
            } else {
                body = try SlackRenderer.postMessage(message, channel: destination)
            }
        } catch {
            throw PermanentDeliveryFailure(reason: "slack: the message cannot be rendered: \(error)")
        }
        let method = editing == nil ? "chat.postMessage" : "chat.update"
        return PlatformAPIResponse.json("POST", "\(apiBaseURL)/\(method)", body: body, authorization: "Bearer \(token)")
    }
}
