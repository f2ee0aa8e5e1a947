import ConvenerCore
import ConvenerPlatforms
import Foundation

/// Mattermost's posts and reactions as the pull pipeline runs them. Like Slack's Events API messages, they count
/// as activity and prompt answers but ask for no answer: whatever a reply the run makes is not posted.
struct MattermostSocketPlatform: PullPlatform {
    var name: String { MattermostParser.platform }

    func isDirect(_ context: PlatformReplyContext) -> Bool { context.isDirect ?? false }

    /// A target that takes no reply (none is queued), so a member's message never draws a post from the bot.
    func replyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget {
        OutboxReplyTarget(platform: name, address: [:], expiresAt: now, maxReplies: 0)
    }

    /// Only the bound channels' posts and reactions reach the pipeline, so there is never anything to answer here.
    func sendNow(_ message: OutboundMessage, answering request: PlatformRequest, now: Date) async throws {}
}
