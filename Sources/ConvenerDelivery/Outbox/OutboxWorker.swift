import ConvenerCore
import Logging
import ServiceLifecycle

/// Sends the outbox's messages to every platform they go to and settles each once all of them accepted it.
///
/// Every message is delivered at least once: it leaves the outbox only after its platforms accepted it, and the
/// outbox is durable state, so a crash in between re-sends it after restart (Mattermost's `pending_post_id` and
/// Discord's `nonce` make that re-send harmless; a platform already recorded as reached is skipped).
///
/// Messages to one destination (a platform's channel, or one member's DMs) form a lane: sent in queue order,
/// `pace` apart, stopping at the first transient failure so order holds. Lanes run side by side, so a slow or
/// hanging channel never holds up the others. Queued updates of one message are folded into the newest.
public struct OutboxWorker<Source: OutboxSource>: Service {
    let source: Source
    let platforms: [any DeliveryPlatform]
    let pollInterval: Duration
    let maxLanes: Int
    /// How many of the oldest due messages one pass looks at, so a pass costs the same however long the outbox
    /// grew (a platform away for an hour, a large import's welcomes); the rest wait for the passes after it.
    let passLimit: Int
    let logger: Logger
    private let board = DeliveryLaneBoard()

    /// A worker polling `source` every `pollInterval`, with at most `maxLanes` lanes sending at once.
    ///
    /// Every late reply has a lane of its own (its own reply URL), so under a burst of slash commands the lanes,
    /// not the platforms, limit how fast replies go out.
    public init(
        source: Source, platforms: [any DeliveryPlatform], pollInterval: Duration = .milliseconds(200),
        maxLanes: Int = 64, passLimit: Int = 256, logger: Logger
    ) {
        self.source = source
        self.platforms = platforms
        self.pollInterval = pollInterval
        self.maxLanes = maxLanes
        self.passLimit = passLimit
        self.logger = logger
    }

    public func run() async throws {
        // Graceful shutdown cancels the lanes: a send in flight is abandoned and its entry stays queued.
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    // With every lane busy (a platform that hangs until its timeout) a pass could start nothing:
                    // skip it instead of reading the outbox, which grows while that platform is away.
                    var lanesRanOut = board.isFull(limit: maxLanes)
                    if !lanesRanOut {
                        let pass = await plan()
                        for lane in pass.lanes {
                            group.addTask { await deliver(lane) }
                        }
                        lanesRanOut = pass.lanesRanOut
                    }
                    // Messages left for want of a lane (each late reply takes a lane of its own): look again once a
                    // quarter of the lanes freed rather than a whole interval later, which capped late replies at
                    // `maxLanes` per interval; a pass per freed lane would read the outbox too often.
                    if lanesRanOut {
                        await board.waitForFreeLanes(max(maxLanes / 4, 1), limit: maxLanes)
                    } else {
                        try? await Task.sleep(for: pollInterval)
                    }
                }
            }
        }
    }

    /// One pass: sends what is pending now and returns when every lane it started has finished.
    public func deliverPending() async {
        await withDiscardingTaskGroup { group in
            for lane in await plan().lanes {
                group.addTask { await deliver(lane) }
            }
        }
    }

    /// Whether the platform's reference for a message is kept: messages that may be edited later or reach several
    /// platforms (so a restart does not post them twice), not every plain direct message.
    static func remembers(_ entry: OutboxEntry) -> Bool {
        let message = entry.message
        guard entry.replyTarget == nil else { return false }
        return message.audience == .channel || !message.actions.isEmpty || message.form != nil
            || message.updates != nil
    }

    /// Why a direct message has nowhere to go.
    static func unreachable(_ member: MemberID) -> String {
        "no platform is set up to send direct messages to \(member): give \(member.platform) a bot token "
            + "(SLACK_BOT_TOKEN; MATTERMOST_BOT_TOKEN with MATTERMOST_URL; DISCORD_BOT_TOKEN)"
    }

    /// Why a mail has nowhere to go.
    static var noMail: String {
        "no SMTP server is set up to send mail: add an email section (smtp_url, from, link_key)"
    }

    /// Settles superseded updates and entries with nowhere to go, dead-letters impossible ones, and claims the
    /// idle lanes of everything else; `lanesRanOut` when some lane was left unclaimed because `maxLanes` were busy.
    private func plan() async -> (lanes: [DeliveryLane], lanesRanOut: Bool) {
        let pending = await source.pendingOutbox(limit: passLimit)
        board.retain(Set(pending.map(\.message.id)))
        let (live, superseded) = DeliveryCoalescing.coalesce(pending)
        var settled = superseded
        var dead: [(id: String, reason: String)] = []
        var lanes: [String: DeliveryLane] = [:]
        var order: [String] = []
        for entry in live {
            let id = entry.message.id
            let routes: [(platform: any DeliveryPlatform, destination: String)]
            do {
                routes = try platforms.compactMap { platform in
                    try platform.destination(of: entry).map { (platform, $0) }
                }
            } catch {
                dead.append((id, "\(error)"))
                continue
            }
            if routes.isEmpty {
                if entry.mail != nil {
                    dead.append((id, Self.noMail))
                } else if case .direct(let member) = entry.message.audience, entry.replyTarget == nil {
                    dead.append((id, Self.unreachable(member)))
                } else {
                    settled.append(id)
                }
                continue
            }
            var remaining: Set<String>
            if board.tracks(id) {
                remaining = board.remaining(id)
            } else {
                var names: Set<String> = []
                // Only a message whose references are kept can have reached a platform while still queued.
                let remembered = Self.remembers(entry)
                for route in routes {
                    if remembered, await source.deliveredReference(of: id, on: route.platform.name) != nil { continue }
                    names.insert(route.platform.name)
                }
                remaining = board.track(id, platforms: names)
            }
            if remaining.isEmpty {
                settled.append(id)
                board.forget(id)
                continue
            }
            for route in routes where remaining.contains(route.platform.name) {
                let key = "\(route.platform.name) \(route.destination)"
                if lanes[key] == nil {
                    lanes[key] = DeliveryLane(key: key, platform: route.platform, destination: route.destination)
                    order.append(key)
                }
                lanes[key]?.entries.append(entry)
            }
        }
        await record(settled: settled, dead: dead)
        var claimed: [DeliveryLane] = []
        var lanesRanOut = false
        for key in order {
            guard let lane = lanes[key] else { continue }
            guard board.claim(key, limit: maxLanes) else {
                lanesRanOut = lanesRanOut || board.isFull(limit: maxLanes)
                continue
            }
            claimed.append(lane)
        }
        return (claimed, lanesRanOut)
    }

    /// Sends a lane's entries in order, `pace` apart; stops at the first transient failure.
    private func deliver(_ lane: DeliveryLane) async {
        let platform = lane.platform
        for entry in lane.entries {
            let id = entry.message.id
            let slot = board.reserveSlot(lane.key, pace: platform.pace)
            do {
                // Most slots are now (a late reply's lane sends once): no timer for those.
                if slot > .now { try await Task.sleep(until: slot, clock: .continuous) }
                var editing: PlatformMessageReference?
                if let target = entry.message.updates, entry.replyTarget == nil {
                    editing = await source.deliveredReference(of: target, on: platform.name)
                }
                let reference = try await platform.send(entry, to: lane.destination, editing: editing)
                if let reference, Self.remembers(entry) {
                    try await source.recordDelivery(of: id, at: reference)
                }
                if board.complete(id, on: platform.name) {
                    try await source.settle([id])
                    board.forget(id)
                }
            } catch let failure as PermanentDeliveryFailure {
                logger.error(
                    "Delivery failed for good; dead-lettered",
                    metadata: [
                        "convener.message": "\(id)", "convener.platform": "\(platform.name)",
                        "reason": "\(failure.reason)",
                    ])
                await record(settled: [], dead: [(id, failure.reason)])
                board.forget(id)
            } catch {
                if !Task.isCancelled {
                    logger.warning(
                        "Delivery failed; will retry",
                        metadata: [
                            "convener.message": "\(id)", "convener.platform": "\(platform.name)",
                            "error": "\(error)",
                        ])
                }
                break
            }
        }
        board.release(lane.key)
    }

    private func record(settled: [String], dead: [(id: String, reason: String)]) async {
        do {
            if !dead.isEmpty { try await source.deadLetter(dead) }
            if !settled.isEmpty { try await source.settle(settled) }
        } catch {
            logger.error("Could not record deliveries; they may be sent again", metadata: ["error": "\(error)"])
        }
    }
}
