import ConvenerCore
import ConvenerDelivery
import Foundation

/// Slack's file upload (the "v2" flow that replaced `files.upload`): `files.getUploadURLExternal` gives an upload URL
/// and a file id, the bytes are POSTed to that URL, and `files.completeUploadExternal` shares the files in a channel.
///
/// Until completed, an uploaded file is private and shown nowhere, so uploading again after a failure is harmless.
struct SlackFileUpload: Sendable {
    /// A file Slack holds, not yet shared.
    struct Uploaded: Sendable, Equatable {
        /// Slack's file id (`F…`).
        let id: String
        /// The title shown with it.
        let title: String
    }

    /// The bot token.
    let token: String
    /// The Web API base URL, e.g. `https://slack.com/api`.
    let apiBaseURL: String
    /// Sends the API calls, with retries.
    let exchange: DeliveryExchange

    /// Uploads `file`'s bytes; returns Slack's file id.
    func upload(_ file: OutboundAttachment) async throws -> Uploaded {
        // files.getUploadURLExternal takes form fields, not JSON.
        var query = URLComponents()
        query.queryItems = [
            URLQueryItem(name: "filename", value: file.name),
            URLQueryItem(name: "length", value: "\(file.bytes.count)"),
        ]
        let form = query.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
        let ask = HTTPTransportRequest(
            method: "POST", url: "\(apiBaseURL)/files.getUploadURLExternal",
            headers: [
                HTTPTransportHeader("Authorization", "Bearer \(token)"),
                HTTPTransportHeader("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body: Array(form.utf8))
        let answer = try await exchange.perform(
            ask, label: "slack files.getUploadURLExternal", platformError: PlatformAPIResponse.slackError)
        guard let url = PlatformAPIResponse.string("upload_url", in: answer.body),
            let id = PlatformAPIResponse.string("file_id", in: answer.body)
        else {
            throw PermanentDeliveryFailure(reason: "slack: files.getUploadURLExternal gave no upload_url or file_id")
        }
        let put = HTTPTransportRequest(
            method: "POST", url: url, headers: [HTTPTransportHeader("Content-Type", file.mimeType)],
            body: Array(file.bytes))
        // The URL is a credential of its own: errors name the step, never the URL.
        _ = try await exchange.perform(put, label: "slack file upload")
        return Uploaded(id: id, title: file.name)
    }

    /// `files.completeUploadExternal`: shares the uploaded files in `channel` (a channel or DM id), right under the
    /// message they belong to.
    func share(_ files: [Uploaded], in channel: String) async throws {
        let body: [String: Any] = [
            "files": files.map { ["id": $0.id, "title": $0.title] },
            "channel_id": channel,
        ]
        let request = PlatformAPIResponse.json(
            "POST", "\(apiBaseURL)/files.completeUploadExternal",
            body: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]),
            authorization: "Bearer \(token)")
        _ = try await exchange.perform(
            request, label: "slack files.completeUploadExternal", platformError: PlatformAPIResponse.slackError)
    }
}
