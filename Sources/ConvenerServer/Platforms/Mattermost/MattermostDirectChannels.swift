import ConvenerDelivery
import Foundation

/// The bot's own user id and the direct-message channel for each member, looked up once and kept.
actor MattermostDirectChannels {
    private var botUserID: String?
    private var channels: [String: String] = [:]

    /// The DM channel between the bot and `userID`: `GET /users/me` once for the bot's id, then
    /// `POST /channels/direct` with both ids (Mattermost returns the existing channel when there is one).
    func channel(
        for userID: String, apiBase: String, token: String, exchange: DeliveryExchange
    ) async throws -> String {
        if let known = channels[userID] { return known }
        let bot: String
        if let botUserID {
            bot = botUserID
        } else {
            let request = HTTPTransportRequest(
                method: "GET", url: "\(apiBase)/users/me",
                headers: [HTTPTransportHeader("Authorization", "Bearer \(token)")])
            let response = try await exchange.perform(request, label: "mattermost GET /users/me")
            guard let id = PlatformAPIResponse.string("id", in: response.body) else {
                throw PermanentDeliveryFailure(reason: "mattermost: /users/me did not return the bot's id")
            }
            botUserID = id
            bot = id
        }
        let body = try JSONSerialization.data(withJSONObject: [bot, userID])
        let request = PlatformAPIResponse.json(
            "POST", "\(apiBase)/channels/direct", body: body, authorization: "Bearer \(token)")
        let response = try await exchange.perform(request, label: "mattermost POST /channels/direct")
        guard let id = PlatformAPIResponse.string("id", in: response.body) else {
            throw PermanentDeliveryFailure(reason: "mattermost: /channels/direct did not return a channel id")
        }
        channels[userID] = id
        return id
    }
}
