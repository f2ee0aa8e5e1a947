import ConvenerPlatforms
import Foundation
import HummingbirdWSClient
import Logging

/// One WebSocket connection to Discord's Gateway: Hello, then Identify (or Resume of the kept session), heartbeats
/// every `heartbeat_interval` (the first after a jittered part of it) with their ACKs checked, and every dispatch
/// handed to `dispatch` in order, until Discord or Convener closes it. Returns what the service does next.
struct DiscordGatewayConnection: Sendable {
    /// The bot token, for Identify and Resume.
    let token: String
    /// What outlives the connection.
    let session: DiscordGatewaySession
    /// Handles one dispatch (`t`, `d`, `s`); throws when it could not be handled now, so it is replayed later.
    let dispatch: @Sendable (DiscordGatewayFrame) async throws -> Void
    /// A random number in [0, 1) for the first heartbeat's jitter and the wait after an Invalid Session.
    let jitter: @Sendable () -> Double
    /// Whether this daemon still holds the Gateway lease (renewing it as needed).
    let holdsLease: @Sendable () async -> Bool
    /// Where the connection's life is logged.
    let logger: Logger
    /// How long Discord may take to say Hello after the socket opens; a connection that stays silent longer is
    /// closed and resumed rather than held forever.
    var helloTimeout: Duration = .seconds(20)

    /// How a connection ended, and what comes next.
    enum End: Sendable, Equatable {
        /// Reconnect at once and resume the session.
        case resume
        /// Reconnect after `after` and identify afresh.
        case identify(after: Duration)
        /// Stop the Gateway, for the reason given (which says what the operator should do).
        case stop(String)
        /// Another daemon holds the Gateway lease now.
        case leaseLost
        /// A dispatch could not be handled; reconnect after a pause and resume, so Discord replays it.
        case retry
    }

    /// GUILD_CREATE of a large guild can reach megabytes.
    static let maxMessageSize = 1 << 25
    /// Close codes other than 1000 and 1001 keep the session resumable.
    static let resumableCloseCode = 4000

    /// Connects to `url` (already carrying `v` and `encoding`) and runs the connection until it closes.
    func run(url: String) async throws -> End {
        await session.connected()
        let decided = DecidedEnd()
        let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 24, closeTimeout: .seconds(3))
        let closed = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
            inbound, outbound, _ in
            let (intervals, beginBeating) = AsyncStream.makeStream(of: Duration.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { beginBeating.finish() }
                    var messages = inbound.messages(maxSize: Self.maxMessageSize).makeAsyncIterator()
                    while let message = try await messages.next() {
                        guard case .text(let text) = message else { continue }
                        let frame: DiscordGatewayFrame
                        do {
                            frame = try DiscordGatewayFrame(text: text)
                        } catch {
                            logger.warning(
                                "Discord Gateway: a message was not understood", metadata: ["error": "\(error)"])
                            continue
                        }
                        if let end = try await receive(frame, outbound: outbound, beginBeating: beginBeating) {
                            await decided.set(end)
                            let code = end == .leaseLost ? 1000 : Self.resumableCloseCode
                            try? await outbound.close(.init(codeNumber: code), reason: "reconnecting")
                            return
                        }
                    }
                }
                group.addTask {
                    let interval: Duration?
                    do {
                        interval = try await Self.hello(from: intervals, within: helloTimeout)
                    } catch is GatewaySilent {
                        logger.warning(
                            "Discord Gateway said no Hello; reconnecting to resume",
                            metadata: ["timeout": "\(helloTimeout)"])
                        await decided.set(.resume)
                        try? await outbound.close(.init(codeNumber: Self.resumableCloseCode), reason: "no Hello")
                        return
                    }
                    // No interval: the connection closed before Hello, and the reader says how.
                    guard let interval else { return }
                    try await beat(every: interval, outbound: outbound, decided: decided)
                }
                // The first to end ends the connection: the reader when Discord closes, the heartbeat on a missed ACK.
                _ = try await group.next()
                group.cancelAll()
            }
        }
        if let end = await decided.end { return end }
        var code: Int?
        switch closed?.closeCode {
        case .unknown(let number): code = Int(number)
        case .normalClosure: code = 1000
        case .goingAway: code = 1001
        default: code = nil
        }
        switch DiscordGateway.closeAction(code) {
        case .resume:
            logger.info(
                "Discord Gateway closed; resuming", metadata: ["close.code": "\(code.map(String.init) ?? "none")"])
            return .resume
        case .identify:
            logger.info("Discord Gateway session ended; identifying again", metadata: ["close.code": "\(code ?? 0)"])
            return .identify(after: .seconds(1))
        case .stop(let reason):
            return .stop(reason)
        }
    }

    /// Acts on one frame; returns how the connection ends when the frame ends it.
    private func receive(
        _ frame: DiscordGatewayFrame, outbound: WebSocketOutboundWriter,
        beginBeating: AsyncStream<Duration>.Continuation
    ) async throws -> End? {
        switch frame.known {
        case .hello:
            beginBeating.yield(try frame.heartbeatInterval())
            if let resumable = await session.resumable() {
                try await outbound.write(
                    .text(DiscordGateway.resume(token: token, session: resumable.id, sequence: resumable.sequence)))
            } else {
                try await outbound.write(.text(DiscordGateway.identify(token: token)))
            }
        case .heartbeatAck:
            await session.acknowledged()
        case .heartbeat:
            try await outbound.write(.text(DiscordGateway.heartbeat(sequence: await session.lastSequence())))
        case .reconnect:
            logger.info("Discord Gateway asked to reconnect; resuming")
            return .resume
        case .invalidSession:
            if frame.isResumable { return .resume }
            // Discord asks for a pause of 1 to 5 seconds before identifying again.
            let wait = Duration.milliseconds(1_000 + Int(jitter() * 4_000))
            logger.info("Discord Gateway invalidated the session; identifying again", metadata: ["retry.in": "\(wait)"])
            return .identify(after: wait)
        case .dispatch:
            guard await session.isNew(frame.sequence) else {
                logger.debug(
                    "Discord Gateway: a replayed dispatch was already handled",
                    metadata: ["seq": "\(frame.sequence ?? 0)"])
                return nil
            }
            guard await holdsLease() else { return .leaseLost }
            do {
                try await dispatch(frame)
            } catch {
                logger.warning(
                    "Discord Gateway: an event could not be handled now; it is replayed after a reconnection",
                    metadata: ["event": "\(frame.type ?? "")", "error": "\(error)"])
                return .retry
            }
            await session.dealt(with: frame.sequence)
        case nil:
            break
        }
        return nil
    }

    /// The heartbeat interval Hello announced on `intervals`: nil when the connection closed first; throws
    /// `GatewaySilent` when `timeout` passed without it.
    static func hello(from intervals: AsyncStream<Duration>, within timeout: Duration) async throws -> Duration? {
        try await withThrowingTaskGroup(of: Duration?.self) { race in
            race.addTask { await intervals.first { _ in true } }
            race.addTask {
                try await Task.sleep(for: timeout)
                throw GatewaySilent()
            }
            defer { race.cancelAll() }
            return try await race.next() ?? nil
        }
    }

    /// Sends a heartbeat after a jittered part of `interval`, then every `interval`; closes the connection (keeping
    /// the session resumable) when a heartbeat went unacknowledged or the lease is gone.
    private func beat(every interval: Duration, outbound: WebSocketOutboundWriter, decided: DecidedEnd) async throws {
        try await Task.sleep(for: DiscordGateway.firstHeartbeat(interval: interval, jitter: jitter()))
        while true {
            guard await session.beat() else {
                logger.warning("Discord Gateway: a heartbeat was not acknowledged; reconnecting to resume")
                await decided.set(.resume)
                try? await outbound.close(.init(codeNumber: Self.resumableCloseCode), reason: "no heartbeat ACK")
                return
            }
            guard await holdsLease() else {
                await decided.set(.leaseLost)
                try? await outbound.close(.normalClosure, reason: "another Convener holds the Gateway")
                return
            }
            try await outbound.write(.text(DiscordGateway.heartbeat(sequence: await session.lastSequence())))
            try await Task.sleep(for: interval)
        }
    }
}

/// Discord opened the socket but said no Hello in time.
struct GatewaySilent: Error {}

/// How Convener decided to end a connection, set once by whichever task closes it first.
private actor DecidedEnd {
    private(set) var end: DiscordGatewayConnection.End?

    func set(_ end: DiscordGatewayConnection.End) {
        if self.end == nil { self.end = end }
    }
}
