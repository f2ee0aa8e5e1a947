import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Discord's REST API with the bot token: channel messages to the community's `discord_channel`, direct messages
/// through a DM channel opened with the member, edits with `PATCH /channels/{c}/messages/{m}`. Each message
/// carries a `nonce` from the Convener message id with `enforce_nonce`, so a re-send after a crash is dropped;
/// a 429's `retry_after` (JSON) and `Retry-After` are honoured by the exchange.
struct DiscordDelivery: DeliveryPlatform {
    /// The bot token.
    let token: String
    /// The API base, e.g. `https://discord.com/api/v10`.
    let apiBase: String
    /// The community's channel id, when it has one.
    let channel: String?
    /// Sends the API calls, with retries.
    let exchange: DeliveryExchange
    /// The DM channels opened so far.
    let directChannels = DiscordDirectChannels()

    var name: String { DiscordParser.platform }
    /// Discord allows bursts of about five messages per five seconds in a channel.
    var pace: Duration { .milliseconds(500) }

    // "@" marks a member, whose DM channel is looked up when sending.
    func destination(of entry: OutboxEntry) throws -> String? {
        postDestination(of: entry, channel: channel, memberPrefix: "@")
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        let headers = Self.headers(token: token)
        if let editing {
            let request = try Self.editRequest(entry.message, editing: editing, apiBase: apiBase, headers: headers)
            _ = try await exchange.perform(request, label: "discord PATCH /channels/{c}/messages/{m}")
            return editing
        }
        var channelID = destination
        if destination.hasPrefix("@") {
            channelID = try await directChannels.channel(
                for: String(destination.dropFirst()), apiBase: apiBase, headers: headers, exchange: exchange)
        }
        let request = try Self.createRequest(entry.message, channelID: channelID, apiBase: apiBase, headers: headers)
        let response = try await exchange.perform(request, label: "discord POST /channels/{c}/messages")
        guard let id = PlatformAPIResponse.string("id", in: response.body) else { return nil }
        return PlatformMessageReference(platform: name, channel: channelID, messageID: id)
    }

    /// The bot's authorization, JSON, and the `User-Agent` form Discord asks bots to send.
    static func headers(token: String) -> [HTTPTransportHeader] {
        [
            HTTPTransportHeader("Authorization", "Bot \(token)"),
            HTTPTransportHeader("Content-Type", "application/json"),
            HTTPTransportHeader("User-Agent", "DiscordBot (https://convener.invalid, \(ConvenerVersion.current))"),
        ]
    }

    /// `POST /channels/{id}/messages` with `nonce` and `enforce_nonce`; with attachments, one `multipart/form-data`
    /// request holding the message as `payload_json` and each file as `files[n]`, so message and files arrive
    /// together or not at all.
    static func createRequest(
        _ message: OutboundMessage, channelID: String, apiBase: String, headers: [HTTPTransportHeader]
    ) throws -> HTTPTransportRequest {
        var extra: [String: Any] = [
            "nonce": DeliveryIdempotencyKey.discordNonce(for: message.id), "enforce_nonce": true,
        ]
        let url = "\(apiBase)/channels/\(channelID)/messages"
        guard !message.attachments.isEmpty else {
            let body = PlatformAPIResponse.adding(extra, to: try render(message))
            return HTTPTransportRequest(method: "POST", url: url, headers: headers, body: Array(body))
        }
        extra["attachments"] = message.attachments.enumerated().map { index, file in
            ["id": index, "filename": file.name] as [String: Any]
        }
        let payload = PlatformAPIResponse.adding(extra, to: try render(message))
        var form = MultipartFormBody()
        form.field("payload_json", String(decoding: payload, as: UTF8.self), contentType: "application/json")
        for (index, file) in message.attachments.enumerated() {
            form.file("files[\(index)]", file)
        }
        let multipartHeaders =
            headers.filter { $0.name.lowercased() != "content-type" }
            + [HTTPTransportHeader("Content-Type", form.contentType)]
        return HTTPTransportRequest(method: "POST", url: url, headers: multipartHeaders, body: form.body)
    }

    /// `PATCH /channels/{channel}/messages/{message}` of the message `editing`.
    static func editRequest(
        _ message: OutboundMessage, editing: PlatformMessageReference, apiBase: String, headers: [HTTPTransportHeader]
    ) throws -> HTTPTransportRequest {
        HTTPTransportRequest(
            method: "PATCH", url: "\(apiBase)/channels/\(editing.channel)/messages/\(editing.messageID)",
            headers: headers, body: Array(try render(message)))
    }

    private static func render(_ message: OutboundMessage) throws -> Data {
        do {
            return try DiscordRenderer.createMessage(message)
        } catch {
            throw PermanentDeliveryFailure(reason: "discord: the message cannot be rendered: \(error)")
        }
    }
}
