import ConvenerCore
import ConvenerPlatforms
import Foundation
import Logging

/// The pipeline of pulled events, the counterpart of `PlatformPipeline` for platforms Convener fetches from:
/// there is no request to verify or answer (the platform's own authenticated connection brought the event), so
/// the steps are inbound → request → route to a community → run, with every reply queued durably for the
/// platform's reply target in the same journal record as the change.
///
/// Retries need no gate: the platform's cursor moves only past events this pipeline has handled.
struct PlatformPullPipeline<Platform: PullPlatform>: Sendable {
    /// What differs per platform.
    let platform: Platform
    /// Which community an event belongs to.
    let directory: CommunityDirectory
    /// The time.
    let clock: any WallClock
    /// Where routing problems are logged.
    let logger: Logger

    /// Runs one inbound; returns once its effects and replies are durable. Throws when the community cannot take
    /// changes now, so the caller keeps the event and tries again.
    func handle(_ inbound: PlatformInbound) async throws {
        guard var request = inbound.request(platform: platform.name) else { return }
        let now = clock.now()
        let isDirect = platform.isDirect(request.context)
        switch await directory.route(&request, platform: platform.name, isDirect: isDirect, now: now, logger: logger) {
        case .community(let runtime):
            // Declared late before it runs: every reply is queued with the facts, none is answered inline.
            let replies = DeliveryLateReply(target: platform.replyTarget(for: request.context, now: now))
            _ = replies.declareLate()
            _ = try await runtime.handle(request.input, lateReply: replies)
        case .answer(let message):
            // Nothing was changed, so a failed answer must not hold up the events behind it: it is logged.
            do {
                try await platform.sendNow(message, answering: request, now: now)
            } catch {
                logger.warning(
                    "An answer given without a community was not sent",
                    metadata: ["convener.platform": "\(platform.name)", "error": "\(error)"])
            }
        case .ignore:
            return
        }
    }
}
