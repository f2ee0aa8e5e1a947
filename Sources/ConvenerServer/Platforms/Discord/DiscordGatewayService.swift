import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation
import Logging
import ServiceLifecycle

/// Discord's inbound of channel messages and reactions: keeps one Gateway connection open as the bot and hands
/// every member's message and reaction to the pull pipeline, in order, each once.
///
/// A dispatch counts as dealt with only once the pipeline has made it durable, and a heartbeat or Resume names only
/// dispatches dealt with; so after a drop, Discord's replay starts right after the last handled one, and a replayed
/// dispatch already handled (the same sequence number in the same session) is skipped. The session lives in memory:
/// a restart identifies afresh, and what happened while no connection was open is not replayed by Discord. With
/// several daemons on one database, only the holder of the `discord.gateway` lease connects.
struct DiscordGatewayService: Service {
    /// Discord's REST API and how to answer without a community.
    let platform: DiscordGatewayPlatform
    /// Which community an event belongs to.
    let directory: CommunityDirectory
    /// The time.
    let clock: any WallClock
    /// Where the Gateway's life is logged.
    let logger: Logger
    /// Holds the lease of the one daemon that connects, for the given seconds (several daemons share one database and
    /// one bot: each event must be handled once). Without a shared database, always true.
    var lease: @Sendable (_ seconds: Int) async -> Bool = { _ in true }
    /// A random number in [0, 1): the heartbeat jitter and the pause after an Invalid Session.
    var random: @Sendable () -> Double = { Double.random(in: 0..<1) }
    /// How often a daemon that does not hold the lease asks for it again.
    var standby: Duration = .seconds(5)

    /// How long one hold of the lease lasts; it is renewed when less than half is left.
    static let leaseSeconds = 60
    /// A connection that ends sooner than this before a resume counts as a failure to connect.
    static let shortConnection = Duration.seconds(5)

    func run() async throws {
        let pipeline = PlatformPullPipeline(platform: platform, directory: directory, clock: clock, logger: logger)
        let session = DiscordGatewaySession()
        let lease = LeaseHold(take: self.lease, seconds: Self.leaseSeconds)
        var gatewayURL: String?
        var backoff = ReconnectBackoff()
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            guard await lease.holds() else {
                // Another daemon keeps the Gateway; should it stop, this one identifies afresh.
                await session.forget()
                try? await cancelWhenGracefulShutdown { [standby] in try await Task.sleep(for: standby) }
                continue
            }
            do {
                let url: String
                if let resumable = await session.resumable() {
                    url = resumable.url
                } else if let known = gatewayURL {
                    url = known
                } else {
                    let fetched = try await cancelWhenGracefulShutdown { try await self.gatewayURL() }
                    gatewayURL = fetched
                    url = fetched
                }
                let connection = DiscordGatewayConnection(
                    token: platform.token, session: session,
                    dispatch: { frame in try await handle(frame, session: session, pipeline: pipeline) },
                    jitter: random, holdsLease: { await lease.holds() }, logger: logger)
                let opened = ContinuousClock.now
                let end = try await cancelWhenGracefulShutdown {
                    try await connection.run(url: DiscordGateway.connectURL(url))
                }
                failures = 0
                switch end {
                case .resume where ContinuousClock.now - opened < Self.shortConnection:
                    // A connection closed again at once backs off, so a server that keeps closing is not hammered.
                    await backoff.pause()
                case .resume:
                    backoff.succeeded()
                case .retry:
                    await backoff.pause()
                case .identify(let wait):
                    await session.forget()
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
                case .leaseLost:
                    await session.forget()
                case .stop(let reason):
                    return await stopped(reason)
                }
            } catch let refused as GatewayRefused {
                return await stopped(refused.reason)
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                failures += 1
                // A resume URL that keeps failing is given up for the main one, and then for a fresh session.
                if failures >= 3 {
                    await session.forget()
                    gatewayURL = nil
                }
                logger.warning(
                    "Discord Gateway connection failed; retrying",
                    metadata: ["error": "\(error)", "retry.in": "\(backoff.next)"])
                await backoff.pause()
            }
        }
    }

    /// Logs why the Gateway stopped and waits for the daemon's shutdown: a service that returns would stop the daemon,
    /// and commands over HTTP still work without the Gateway.
    private func stopped(_ reason: String) async {
        logger.error("Discord Gateway stopped: \(reason)")
        try? await gracefulShutdown()
    }

    /// Deals with one dispatch: keeps the session (`READY`) and what it tells about channels, and hands members'
    /// messages and reactions to the pipeline, whose return means they are durable.
    private func handle(
        _ frame: DiscordGatewayFrame, session: DiscordGatewaySession,
        pipeline: PlatformPullPipeline<DiscordGatewayPlatform>
    ) async throws {
        guard let type = frame.type else { return }
        if type == "READY" {
            let ready = try DiscordReady(frame.data)
            await session.started(ready, sequence: frame.sequence)
            logger.info("Discord Gateway session started", metadata: ["discord.bot": "\(ready.botUserID)"])
            return
        }
        await session.learn(type: type, data: frame.data)
        guard type == "MESSAGE_CREATE" || type == "MESSAGE_REACTION_ADD", let bot = await session.botUserID else {
            return
        }
        if let channel = DiscordGatewayEvents.unknownChannel(
            type: type, data: frame.data, channels: await session.channels)
        {
            await session.learn(channel: try await lookUp(channel: channel))
        }
        let inbound: PlatformInbound
        do {
            inbound = try DiscordGatewayEvents.inbound(
                type: type, data: frame.data, sequence: frame.sequence, botUserID: bot,
                channels: await session.channels)
        } catch {
            // A payload that does not read will not read better when replayed.
            logger.warning(
                "Discord Gateway: an event was not understood", metadata: ["event": "\(type)", "error": "\(error)"])
            return
        }
        try await pipeline.handle(inbound)
    }

    /// `GET /channels/{id}`: a channel the Gateway has not described yet (a thread the bot has not seen created).
    private func lookUp(channel: String) async throws -> PlatformJSON {
        let request = HTTPTransportRequest(
            method: "GET", url: "\(platform.apiBase)/channels/\(channel)",
            headers: DiscordDelivery.headers(token: platform.token))
        let response = try await platform.exchange.perform(request, label: "discord GET /channels/{c}")
        return try PlatformJSON.parse(Data(response.body), what: "GET /channels/{c}")
    }

    /// The Gateway URL from `GET /gateway/bot`, after waiting out a used-up session start limit.
    private func gatewayURL() async throws -> String {
        let request = HTTPTransportRequest(
            method: "GET", url: "\(platform.apiBase)/gateway/bot",
            headers: DiscordDelivery.headers(token: platform.token))
        let response: HTTPTransportResponse
        do {
            response = try await platform.exchange.perform(request, label: "discord GET /gateway/bot")
        } catch let failure as PermanentDeliveryFailure {
            throw GatewayRefused(
                reason: "Discord refused GET /gateway/bot (\(failure.reason)). Check DISCORD_BOT_TOKEN (the bot's "
                    + "token from the Developer Portal, Bot → Reset Token) and DISCORD_API_BASE_URL, then restart.")
        }
        let answer = try PlatformJSON.parse(Data(response.body), what: "GET /gateway/bot")
        guard case .object(let fields) = answer, case .string(let url)? = fields["url"], !url.isEmpty else {
            throw DeliveryUnavailable(reason: "discord GET /gateway/bot: the answer has no url")
        }
        if case .object(let limit)? = fields["session_start_limit"], limit["remaining"] == .int(0),
            case .int(let milliseconds)? = limit["reset_after"]
        {
            logger.warning(
                "Discord: the bot has used up its daily session starts; waiting for the limit to reset",
                metadata: ["retry.in": "\(milliseconds) ms"])
            try await Task.sleep(for: .milliseconds(milliseconds))
        }
        return url
    }
}

/// Discord refused the bot for good: reconnecting cannot help until the operator changes something.
private struct GatewayRefused: Error {
    let reason: String
}

/// The Gateway lease as this daemon holds it: renewed only when less than half of it is left, so checking it before
/// each event costs nothing most of the time.
private actor LeaseHold {
    let take: @Sendable (_ seconds: Int) async -> Bool
    let seconds: Int
    private var validUntil: ContinuousClock.Instant?

    init(take: @escaping @Sendable (_ seconds: Int) async -> Bool, seconds: Int) {
        self.take = take
        self.seconds = seconds
    }

    /// Whether this daemon holds the lease now.
    func holds() async -> Bool {
        let now = ContinuousClock.now
        if let validUntil, now < validUntil - .seconds(seconds / 2) { return true }
        guard await take(seconds) else {
            validUntil = nil
            return false
        }
        validUntil = now + .seconds(seconds)
        return true
    }
}
