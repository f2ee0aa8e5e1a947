import ConvenerCore
import ConvenerPlatforms
import Foundation

/// A chat platform whose events Convener fetches (Matrix's `/sync` long-poll) instead of receiving them over
/// HTTP. Its own service fetches batches and hands each event to `PlatformPullPipeline`, which runs it and returns
/// once the change and every reply are durable; only then may the platform's cursor move past the event.
protocol PullPlatform: Sendable {
    /// The platform's name: the prefix of its member ids, bindings and reply targets.
    var name: String { get }
    /// Whether a request came from a direct conversation rather than a community's room.
    func isDirect(_ context: PlatformReplyContext) -> Bool
    /// Where every reply to a request goes; they are queued in the outbox with the handling's own facts.
    func replyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget
    /// Sends at once an answer given without any community (a room no community lives in, an unknown
    /// `--community`): there is no community journal to queue it in.
    func sendNow(_ message: OutboundMessage, answering request: PlatformRequest, now: Date) async throws
}
