import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird
import HummingbirdWSClient
import Logging
import ServiceLifecycle

/// Mattermost's inbound beyond slash commands and buttons: a WebSocket to `/api/v4/websocket` as the bot, whose
/// `posted` and `reaction_added` events in the communities' bound channels run through the pull pipeline in order
/// (a member's message counts as activity; a thread reply or a reaction on a prompt counts as its answer).
///
/// Each event's sequence number and input id are recorded once it is durably handled. A reconnect asks Mattermost
/// to resume the connection from the next expected event (`connection_id`, `sequence_number`), so it replays what
/// the connection missed while it still holds it (its last 128 events); an event replayed twice is recognised by
/// its input id and runs once. When the server cannot resume (it restarted, or too much was missed) it says
/// `hello` with a new connection id, and the events between are missed. Pings every 30 s find a dead connection;
/// reconnects back off from 1 s to 60 s. With several daemons on one database, only the holder of the
/// `mattermost.websocket` lease connects; the position and the handled events are rows they share.
struct MattermostWebSocketService: Service {
    /// The bot's account and the durable position.
    let session: MattermostSocketSession
    /// The channels the communities are bound to (`mattermost_channel(s)`); events elsewhere are skipped.
    let boundChannels: Set<String>
    /// Which community an event belongs to.
    let directory: CommunityDirectory
    /// The time.
    let clock: any WallClock
    /// Where connection problems are logged.
    let logger: Logger
    /// Holds the lease of the one daemon that connects, for the given seconds. Without a shared database, always
    /// true.
    var lease: @Sendable (_ seconds: Int) async -> Bool = { _ in true }
    /// How often the client pings; a ping unanswered by the next one closes the connection.
    var pingInterval: Duration = .seconds(30)
    /// How often a daemon that does not hold the lease asks for it again.
    var standby: Duration = .seconds(5)

    /// How long one hold of the lease lasts; it is renewed three times as often while connected.
    static let leaseSeconds = 30
    /// The largest frame read; a post holds at most 16,383 characters, with its metadata far less than this.
    static let maxFrameSize = 1 << 22

    func run() async throws {
        guard let botUserID = await start() else { return }
        let pipeline = PlatformPullPipeline(
            platform: MattermostSocketPlatform(), directory: directory, clock: clock, logger: logger)
        var backoff = ReconnectBackoff()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            guard await lease(Self.leaseSeconds) else {
                // Another daemon is connected; this one takes over once that one's lease runs out.
                let wait = standby
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
                continue
            }
            let url = await session.socketURL()
            await session.connecting()
            do {
                try await cancelWhenGracefulShutdown {
                    _ = try await WebSocketClient.connect(
                        url: url, configuration: configuration, logger: logger
                    ) { inbound, outbound, _ in
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask { try await holdLease(while: outbound) }
                            for try await message in inbound.messages(maxSize: Self.maxFrameSize) {
                                guard case .text(let text) = message else { continue }
                                try await handle(text, botUserID: botUserID, pipeline: pipeline)
                            }
                            group.cancelAll()
                        }
                    }
                }
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                logger.info("Mattermost closed the WebSocket; reconnecting")
            } catch let refused as WebSocketClientError where refused == .webSocketUpgradeFailed {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                // The answer's status is not kept by the client: a revoked token and a wrong URL look the same.
                logger.warning(
                    """
                    Mattermost refused the WebSocket upgrade; reconnecting. If this repeats, check that \
                    MATTERMOST_BOT_TOKEN is still valid and that MATTERMOST_URL is the server's address
                    """,
                    metadata: ["mattermost.url": "\(url)"])
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                logger.warning(
                    "Mattermost WebSocket failed; reconnecting",
                    metadata: ["error": "\(error)", "mattermost.url": "\(url)"])
            }
            if await session.receivedSinceConnecting() { backoff.succeeded() }
            let wait = backoff.failed()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
    }

    /// The bot token on the upgrade request, pings, and room for large posts.
    private var configuration: WebSocketClientConfiguration {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(session.token)"
        return WebSocketClientConfiguration(
            maxFrameSize: Self.maxFrameSize, additionalHeaders: headers, autoPing: .enabled(timePeriod: pingInterval))
    }

    /// Renews the lease while connected; closes the connection when another daemon holds it (this one paused past
    /// its lease), so two daemons never handle the same events.
    private func holdLease(while outbound: WebSocketOutboundWriter) async throws {
        while true {
            try await Task.sleep(for: .seconds(Self.leaseSeconds / 3))
            guard await lease(Self.leaseSeconds) else {
                logger.warning("Mattermost: another daemon holds the WebSocket lease; this one disconnects")
                try await outbound.close(.normalClosure, reason: "lease moved")
                return
            }
        }
    }

    /// Runs one frame: a `hello` records the connection, an event in a bound channel runs once through the
    /// pipeline, and every event moves the position. Throws when the community cannot take changes now, which
    /// closes the connection; the reconnect resumes before the event, so it is tried again.
    private func handle(
        _ text: String, botUserID: String, pipeline: PlatformPullPipeline<MattermostSocketPlatform>
    ) async throws {
        let message: MattermostSocketMessage
        do {
            message = try MattermostSocketEvents.parse(text, botUserID: botUserID)
        } catch {
            logger.warning(
                "Mattermost: a WebSocket frame was not understood and is skipped", metadata: ["error": "\(error)"])
            return
        }
        switch message {
        case .reply:
            return
        case .hello(let connectionID, let seq):
            if let lost = try await session.greeted(connectionID: connectionID, seq: seq) {
                logger.notice(
                    """
                    Mattermost could not resume the previous WebSocket connection; posts and reactions made while it \
                    was down are not counted
                    """,
                    metadata: ["mattermost.connection": "\(connectionID)", "mattermost.lost": "\(lost)"])
            } else {
                logger.info("Mattermost WebSocket connected", metadata: ["mattermost.connection": "\(connectionID)"])
            }
        case .event(let seq, let inbound):
            var handled: String?
            if let request = inbound.request(platform: MattermostParser.platform),
                let channel = request.context.channelID, boundChannels.contains(channel)
            {
                let id = request.input.id
                if await !session.isHandled(id) {
                    try await pipeline.handle(inbound)
                    handled = id
                }
            }
            try await session.passed(seq: seq, handled: handled)
        }
    }

    /// The bot's user id, retried while the server is away; nil when shutting down first. A refused token is
    /// logged as an error with what to do, and asked again at the slowest pace (the account may be re-enabled).
    private func start() async -> String? {
        var backoff = ReconnectBackoff()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let wait: Duration
            do {
                return try await session.userID()
            } catch let rejected as MattermostTokenRejected {
                logger.error("\(rejected.description)")
                wait = .seconds(60)
            } catch {
                wait = backoff.failed()
                logger.warning(
                    "Mattermost: cannot reach the server to find the bot's user id; retrying",
                    metadata: ["error": "\(error)", "retry.in": "\(wait)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
        return nil
    }
}
