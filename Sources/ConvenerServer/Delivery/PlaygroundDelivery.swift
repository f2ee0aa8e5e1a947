import ConvenerCore
import ConvenerDelivery

/// The playground's timeline: channel posts and direct messages to playground members (nothing when it is off).
struct PlaygroundDelivery: DeliveryPlatform {
    /// The timeline, when the playground is on.
    let timeline: PlaygroundTimeline?

    var name: String { "playground" }
    var pace: Duration { .zero }

    func destination(of entry: OutboxEntry) throws -> String? {
        guard entry.replyTarget == nil, entry.mail == nil else { return nil }
        switch entry.message.audience {
        case .channel: return "channel"
        case .direct(let member): return member.platform == name ? member.user : nil
        case .ephemeral: return nil
        }
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        await timeline?.appendIfVisible(entry.message)
        return nil
    }
}
