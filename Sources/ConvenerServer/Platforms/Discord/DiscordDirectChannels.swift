import ConvenerDelivery
import Foundation

/// The direct-message channel with each member, opened once with `POST /users/@me/channels` and kept.
actor DiscordDirectChannels {
    private var channels: [String: String] = [:]

    /// The DM channel with `userID` (Discord returns the existing one when there is one).
    func channel(
        for userID: String, apiBase: String, headers: [HTTPTransportHeader], exchange: DeliveryExchange
    ) async throws -> String {
        if let known = channels[userID] { return known }
        let body = try JSONSerialization.data(withJSONObject: ["recipient_id": userID])
        let request = HTTPTransportRequest(
            method: "POST", url: "\(apiBase)/users/@me/channels", headers: headers, body: Array(body))
        let response = try await exchange.perform(request, label: "discord POST /users/@me/channels")
        guard let id = PlatformAPIResponse.string("id", in: response.body) else {
            throw PermanentDeliveryFailure(reason: "discord: /users/@me/channels did not return a channel id")
        }
        channels[userID] = id
        return id
    }
}
