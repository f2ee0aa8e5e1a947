import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Discord's channel messages and reactions on the pull seam: they come over the Gateway
/// (`DiscordGatewayService`), while commands, clicks and forms keep coming over HTTP (`DiscordPlatform`).
///
/// Messages and reactions are activity and prompt answers; the core answers them with no reply, so none is queued
/// (the reply target takes none). An answer given without a community is posted in the channel at once.
struct DiscordGatewayPlatform: PullPlatform {
    /// The bot token.
    let token: String
    /// The API base, e.g. `https://discord.com/api/v10`.
    let apiBase: String
    /// Sends the API calls, with retries.
    let exchange: DeliveryExchange

    var name: String { DiscordParser.platform }

    /// The Gateway brings only guild events (Convener asks for no direct-message intent).
    func isDirect(_ context: PlatformReplyContext) -> Bool {
        context.teamID == nil
    }

    func replyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget {
        OutboxReplyTarget(platform: name, address: [:], expiresAt: now, maxReplies: 0)
    }

    func sendNow(_ message: OutboundMessage, answering request: PlatformRequest, now: Date) async throws {
        guard case .channel = message.audience, let channel = request.context.channelID else { return }
        let request = try DiscordDelivery.createRequest(
            message, channelID: request.context.threadID ?? channel, apiBase: apiBase,
            headers: DiscordDelivery.headers(token: token))
        _ = try await exchange.perform(request, label: "discord POST /channels/{c}/messages")
    }
}
