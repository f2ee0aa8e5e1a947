import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

extension MatrixDelivery {
    /// Sends each of `message`'s files after it, as an `m.file` event in the same room and thread: uploaded to the
    /// media repository (`POST /_matrix/media/v3/upload`), then sent with a transaction id derived from the message,
    /// so a retry re-uploads at most and the room still shows each file once.
    func sendAttachments(of message: OutboundMessage, room: String, thread: String?) async throws {
        let base = Self.transactionID(message, editing: nil)
        for (index, file) in message.attachments.enumerated() {
            let uri = try await upload(file)
            _ = try await session.client.send(
                room: room, type: MatrixEvents.messageType, transactionID: "\(base)f\(index)",
                content: MatrixRenderer.file(file, uri: uri, threadRoot: thread))
        }
    }

    /// Uploads one file to the homeserver's media repository; returns its `mxc://` URI.
    private func upload(_ file: OutboundAttachment) async throws -> String {
        let client = session.client
        let request = HTTPTransportRequest(
            method: "POST",
            url: "\(client.homeserver)/_matrix/media/v3/upload?filename=\(MatrixClient.escape(file.name))",
            headers: [
                HTTPTransportHeader("Authorization", "Bearer \(client.token)"),
                HTTPTransportHeader("Content-Type", file.mimeType),
            ],
            body: Array(file.bytes))
        let response = try await client.exchange.perform(request, label: "matrix POST /_matrix/media/v3/upload")
        guard let uri = PlatformAPIResponse.string("content_uri", in: response.body), uri.hasPrefix("mxc://") else {
            throw PermanentDeliveryFailure(reason: "matrix: the media upload gave no content_uri")
        }
        return uri
    }
}
