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
        // Files are uploaded before the message and shared after it, so a failure before the post repeats only
        // uploads, which stay private until shared.
        var uploads: [SlackFileUpload.Uploaded] = []
        if editing == nil {
            for file in entry.message.attachments {
                uploads.append(try await fileUpload.upload(file))
            }
        }
        let request = try Self.request(
            for: entry.message, to: destination, editing: editing, token: token, apiBaseURL: apiBaseURL)
        let method = editing == nil ? "chat.postMessage" : "chat.update"
        let response = try await exchange.perform(
            request, label: "slack \(method)", platformError: PlatformAPIResponse.slackError)
        if let editing { return editing }
        let channel = PlatformAPIResponse.string("channel", in: response.body) ?? destination
        if !uploads.isEmpty { try await fileUpload.share(uploads, in: channel) }
        guard let ts = PlatformAPIResponse.string("ts", in: response.body) else { return nil }
        return PlatformMessageReference(platform: name, channel: channel, messageID: ts)
    }

    private var fileUpload: SlackFileUpload {
        SlackFileUpload(token: token, apiBaseURL: apiBaseURL, exchange: exchange)
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
