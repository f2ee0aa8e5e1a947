import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Mattermost's REST API v4 with the bot token: channel posts to the community's `mattermost_channel`, direct
/// messages through the bot's DM channel with the member, edits with `PUT /posts/{id}/patch`. Each post carries
/// a `pending_post_id` derived from the Convener message id, so a re-send after a crash is dropped as a duplicate.
struct MattermostDelivery: DeliveryPlatform {
    /// The bot's access token.
    let token: String
    /// The API base, e.g. `https://chat.example.org/api/v4`.
    let apiBase: String
    /// The community's channel id, when it has one.
    let channel: String?
    /// Renders posts, with buttons that post back to Convener.
    let renderer: MattermostRenderer
    /// Sends the API calls, with retries.
    let exchange: DeliveryExchange
    /// The bot's id and the DM channels opened so far.
    let directChannels = MattermostDirectChannels()

    var name: String { MattermostParser.platform }
    var pace: Duration { .milliseconds(200) }

    // "@" marks a member, whose DM channel is looked up when sending.
    func destination(of entry: OutboxEntry) throws -> String? {
        postDestination(of: entry, channel: channel, memberPrefix: "@")
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        if let editing {
            let request = Self.patchRequest(
                entry.message, editing: editing, renderer: renderer, apiBase: apiBase, token: token)
            _ = try await exchange.perform(request, label: "mattermost PUT /posts/{id}/patch")
            return editing
        }
        var channelID = destination
        if destination.hasPrefix("@") {
            channelID = try await directChannels.channel(
                for: String(destination.dropFirst()), apiBase: apiBase, token: token, exchange: exchange)
        }
        var fileIDs: [String] = []
        for file in entry.message.attachments {
            fileIDs.append(try await upload(file, channelID: channelID))
        }
        let request = Self.postRequest(
            entry.message, channelID: channelID, renderer: renderer, apiBase: apiBase, token: token, fileIDs: fileIDs)
        let response = try await exchange.perform(request, label: "mattermost POST /posts")
        guard let id = PlatformAPIResponse.string("id", in: response.body) else { return nil }
        return PlatformMessageReference(platform: name, channel: channelID, messageID: id)
    }

    /// `POST /api/v4/posts` with `pending_post_id`, and the files uploaded for it as `file_ids`.
    static func postRequest(
        _ message: OutboundMessage, channelID: String, renderer: MattermostRenderer, apiBase: String, token: String,
        fileIDs: [String] = []
    ) -> HTTPTransportRequest {
        var extra: [String: Any] = ["pending_post_id": DeliveryIdempotencyKey.mattermostPendingPostID(for: message.id)]
        if !fileIDs.isEmpty { extra["file_ids"] = fileIDs }
        let body = PlatformAPIResponse.adding(extra, to: renderer.post(message, channelID: channelID))
        return PlatformAPIResponse.json("POST", "\(apiBase)/posts", body: body, authorization: "Bearer \(token)")
    }

    /// `POST /api/v4/files` of one file into `channelID`; returns its file id. A retry after a failed post uploads
    /// again (the `pending_post_id` keeps the post single); an upload no post names is never shown.
    private func upload(_ file: OutboundAttachment, channelID: String) async throws -> String {
        var form = MultipartFormBody()
        form.field("channel_id", channelID)
        form.file("files", file)
        let request = HTTPTransportRequest(
            method: "POST", url: "\(apiBase)/files",
            headers: [
                HTTPTransportHeader("Authorization", "Bearer \(token)"),
                HTTPTransportHeader("Content-Type", form.contentType),
            ],
            body: form.body)
        let response = try await exchange.perform(request, label: "mattermost POST /files")
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let infos = object["file_infos"] as? [[String: Any]], let id = infos.first?["id"] as? String
        else {
            throw PermanentDeliveryFailure(reason: "mattermost: POST /files did not return a file id")
        }
        return id
    }

    /// `PUT /api/v4/posts/{id}/patch` of the post `editing`.
    static func patchRequest(
        _ message: OutboundMessage, editing: PlatformMessageReference, renderer: MattermostRenderer, apiBase: String,
        token: String
    ) -> HTTPTransportRequest {
        PlatformAPIResponse.json(
            "PUT", "\(apiBase)/posts/\(editing.messageID)/patch", body: renderer.patch(message),
            authorization: "Bearer \(token)")
    }
}
