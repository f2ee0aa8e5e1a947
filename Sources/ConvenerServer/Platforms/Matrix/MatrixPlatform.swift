import ConvenerCore
import ConvenerPlatforms
import Foundation

/// Matrix on the pull seam: events come from `MatrixSyncService`; a room bound to a community (by id or alias) is
/// that community's channel, any other room the bot is in is a 1:1 room, routed by membership. Every reply goes
/// through the outbox to `MatrixDelivery`: public ones in the room (in the thread when the command was in one),
/// private ones in the member's 1:1 room.
struct MatrixPlatform: PullPlatform {
    /// The session sending what cannot wait for a community's outbox.
    let session: MatrixSession
    /// Each bound room's id and the binding that names it (the id itself, or the alias the config uses).
    let bindings: [String: String]

    var name: String { MatrixEvents.platform }

    func isDirect(_ context: PlatformReplyContext) -> Bool {
        guard let channel = context.channelID else { return true }
        return !bindings.values.contains(channel)
    }

    /// The context with the room named as the config binds it, so routing finds a community bound by alias.
    func bound(_ context: PlatformReplyContext) -> PlatformReplyContext {
        var context = context
        if let room = context.channelID, let binding = bindings[room] { context.channelID = binding }
        return context
    }

    func replyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget {
        var address: [String: String] = ["room": room(of: context) ?? ""]
        if let thread = context.threadID { address["thread"] = thread }
        // Replies wait in the outbox as long as the homeserver is away; a week bounds a forgotten one.
        return OutboxReplyTarget(
            platform: name, address: address, expiresAt: now.addingTimeInterval(7 * 86_400), maxReplies: 50)
    }

    func sendNow(_ message: OutboundMessage, answering request: PlatformRequest, now: Date) async throws {
        if !message.actions.isEmpty { try await session.remember(choicesOf: message, at: now) }
        let destination: String
        switch message.audience {
        case .channel:
            guard let known = room(of: request.context) else { return }
            destination = known
        case .direct(let member), .ephemeral(let member):
            guard member.platform == name else { return }
            destination = try await session.directRoom(for: member.user)
        }
        _ = try await session.client.send(
            room: destination, type: MatrixEvents.messageType,
            transactionID: MatrixDelivery.transactionID(message, editing: nil),
            content: MatrixRenderer.content(message, threadRoot: request.context.threadID))
    }

    private func room(of context: PlatformReplyContext) -> String? {
        guard let channel = context.channelID else { return nil }
        return bindings.first { $0.value == channel }?.key ?? channel
    }
}
