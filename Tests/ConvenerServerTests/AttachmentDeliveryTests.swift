import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation
import Testing

@testable import ConvenerServer

private func ok(_ json: String) -> HTTPTransportResponse {
    HTTPTransportResponse(status: 200, body: Array(json.utf8))
}

private func object(_ body: [UInt8]) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
}

private func header(_ request: HTTPTransportRequest, _ name: String) -> String? {
    request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
}

private let invitation = OutboundAttachment(
    name: "invitation.ics", mimeType: "text/calendar",
    text: "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n")

private func intro(to member: MemberID) -> OutboxEntry {
    OutboxEntry(
        message: OutboundMessage(
            id: "pairing.1.intro.0.0", audience: .direct(member), text: "You are meeting Ben.",
            attachments: [invitation]),
        queuedAt: FixedClock().now())
}

/// Files that go with a message: sent as files where the platform takes them, through the same exchange (and so the
/// same retries) as the message.
@Suite("Attachment delivery")
struct AttachmentDeliveryTests {
    @Test("Slack uploads the file (getUploadURLExternal, the bytes), posts the message, then shares the file in its DM")
    func slack() async throws {
        let transport = ScriptedTransport([
            (
                "files.getUploadURLExternal",
                ok(#"{"ok":true,"upload_url":"http://files.slack.test/upload/v1/abc","file_id":"F0INVITE1"}"#)
            ),
            ("http://files.slack.test/upload/v1/abc", ok("OK - 48")),
            ("chat.postMessage", ok(#"{"ok":true,"channel":"D0DIRECT1","ts":"1700.02"}"#)),
            ("files.completeUploadExternal", ok(#"{"ok":true,"files":[{"id":"F0INVITE1"}]}"#)),
        ])
        let slack = SlackDelivery(
            token: "xoxb-1", apiBaseURL: "http://slack.test/api", channel: nil,
            exchange: DeliveryExchange(transport: transport))
        let entry = intro(to: MemberID(platform: "slack", user: "U0ANA"))
        let reference = try await slack.send(entry, to: try #require(try slack.destination(of: entry)), editing: nil)
        #expect(reference?.channel == "D0DIRECT1")
        let requests = await transport.requests
        #expect(
            requests.map(\.url) == [
                "http://slack.test/api/files.getUploadURLExternal", "http://files.slack.test/upload/v1/abc",
                "http://slack.test/api/chat.postMessage", "http://slack.test/api/files.completeUploadExternal",
            ])
        #expect(String(decoding: requests[0].body, as: UTF8.self) == "filename=invitation.ics&length=48")
        #expect(header(requests[0], "Content-Type") == "application/x-www-form-urlencoded")
        #expect(requests[1].body == Array(invitation.bytes))
        #expect(header(requests[1], "Authorization") == nil, "the upload URL is its own credential")
        let complete = object(requests[3].body)
        #expect(complete["channel_id"] as? String == "D0DIRECT1")
        #expect((complete["files"] as? [[String: Any]])?.first?["id"] as? String == "F0INVITE1")
    }

    @Test("Discord sends message and file in one multipart request: payload_json with attachments, and files[0]")
    func discord() async throws {
        let transport = ScriptedTransport([
            ("POST http://dc.test/users/@me/channels", ok(#"{"id":"555"}"#)),
            ("POST http://dc.test/channels/555/messages", ok(#"{"id":"901"}"#)),
        ])
        let discord = DiscordDelivery(
            token: "dc-bot", apiBase: "http://dc.test", channel: nil, exchange: DeliveryExchange(transport: transport))
        let entry = intro(to: MemberID(platform: "discord", user: "42"))
        _ = try await discord.send(entry, to: try #require(try discord.destination(of: entry)), editing: nil)
        let request = await transport.requests[1]
        let contentType = try #require(header(request, "Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let body = String(decoding: request.body, as: UTF8.self)
        let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        let parts = body.components(separatedBy: "--\(boundary)")
        #expect(parts.count == 4, "payload_json, files[0] and the closing delimiter")
        #expect(parts[1].contains("Content-Disposition: form-data; name=\"payload_json\""))
        let json = try #require(parts[1].components(separatedBy: "\r\n\r\n").last?.trimmingCharacters(in: .newlines))
        let payload = object(Array(json.utf8))
        #expect(payload["nonce"] as? String == DeliveryIdempotencyKey.discordNonce(for: "pairing.1.intro.0.0"))
        #expect((payload["attachments"] as? [[String: Any]])?.first?["filename"] as? String == "invitation.ics")
        #expect(
            parts[2].contains(
                "Content-Disposition: form-data; name=\"files[0]\"; filename=\"invitation.ics\"\r\n"
                    + "Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR"))
        #expect(header(request, "Authorization") == "Bot dc-bot")
    }

    @Test("Mattermost uploads to /files in the DM channel and posts with file_ids")
    func mattermost() async throws {
        let transport = ScriptedTransport([
            ("GET http://mm.test/api/v4/users/me", ok(#"{"id":"botuser"}"#)),
            ("POST http://mm.test/api/v4/channels/direct", ok(#"{"id":"dmchannel"}"#)),
            ("POST http://mm.test/api/v4/files", ok(#"{"file_infos":[{"id":"file1"}],"client_ids":[]}"#)),
            ("POST http://mm.test/api/v4/posts", ok(#"{"id":"post1"}"#)),
        ])
        let mattermost = MattermostDelivery(
            token: "mm-bot", apiBase: "http://mm.test/api/v4", channel: nil,
            renderer: MattermostRenderer(
                actionURL: "http://convener.test/mattermost/actions",
                signer: MattermostActionSigner(serverSecret: "s")),
            exchange: DeliveryExchange(transport: transport))
        let entry = intro(to: MemberID(platform: "mattermost", user: "alice"))
        _ = try await mattermost.send(entry, to: try #require(try mattermost.destination(of: entry)), editing: nil)
        let requests = await transport.requests
        let upload = String(decoding: requests[2].body, as: UTF8.self)
        #expect(upload.contains("name=\"channel_id\"\r\n\r\ndmchannel\r\n"))
        #expect(upload.contains("name=\"files\"; filename=\"invitation.ics\""))
        let post = object(requests[3].body)
        #expect(post["file_ids"] as? [String] == ["file1"])
        #expect(post["channel_id"] as? String == "dmchannel")
    }

    @Test("an attachment survives the journal's coding, and older records without one still decode")
    func coding() throws {
        let message = intro(to: MemberID(platform: "slack", user: "U1")).message
        let data = try JSONEncoder().encode(message)
        #expect(try JSONDecoder().decode(OutboundMessage.self, from: data) == message)
        let plain = OutboundMessage(id: "m", audience: .channel, text: "hi")
        let encoded = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        #expect(!encoded.contains("attachments"))
        #expect(try JSONDecoder().decode(OutboundMessage.self, from: Data(encoded.utf8)).attachments.isEmpty)
    }
}
