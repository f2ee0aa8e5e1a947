import ConvenerCore
import Logging
import ServiceLifecycle

/// Where the worker finds queued messages and records their delivery.
public protocol OutboxSource: Sendable {
    /// Messages waiting for delivery, oldest first.
    func pendingOutbox() async -> [OutboxEntry]
    /// Records that messages were delivered and may leave the outbox.
    func settle(_ messageIDs: [String]) async throws
    /// Records that messages cannot be delivered, with why; they leave the outbox for the dead letters.
    func deadLetter(_ failures: [(id: String, reason: String)]) async throws
}

/// A delivery that will never succeed as it is (a missing channel, revoked credentials, an unsupported target):
/// the worker dead-letters the message instead of retrying it.
public struct PermanentDeliveryFailure: Error, CustomStringConvertible {
    /// What the platform or the network said.
    public let reason: String

    /// A permanent failure.
    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}

/// Where messages go: a chat platform, the playground, or the log.
public protocol MessageSink: Sendable {
    /// Delivers one message.
    func deliver(_ message: OutboundMessage) async throws
}

/// Sends the outbox's messages through a sink and settles them once delivered.
///
/// Every message is delivered at least once: it leaves the outbox only after the sink accepted it, and the
/// outbox is durable state, so a crash between the two re-sends it after restart.
public struct OutboxWorker<Source: OutboxSource, Sink: MessageSink>: Service {
    let source: Source
    let sink: Sink
    let pollInterval: Duration
    let logger: Logger

    /// A worker polling `source` every `pollInterval`.
    public init(source: Source, sink: Sink, pollInterval: Duration = .milliseconds(200), logger: Logger) {
        self.source = source
        self.sink = sink
        self.pollInterval = pollInterval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await deliverPending()
            try? await cancelWhenGracefulShutdown { [pollInterval] in try await Task.sleep(for: pollInterval) }
        }
        await deliverPending()
    }

    /// Delivers what is pending now; messages that fail stay queued for the next pass.
    public func deliverPending() async {
        var delivered: [String] = []
        var dead: [(id: String, reason: String)] = []
        for entry in await source.pendingOutbox() {
            do {
                try await sink.deliver(entry.message)
                delivered.append(entry.message.id)
            } catch let failure as PermanentDeliveryFailure {
                logger.error(
                    "Delivery failed for good; dead-lettered",
                    metadata: ["convener.message": "\(entry.message.id)", "reason": "\(failure.reason)"])
                dead.append((entry.message.id, failure.reason))
            } catch {
                logger.warning(
                    "Delivery failed; will retry",
                    metadata: ["convener.message": "\(entry.message.id)", "error": "\(error)"])
            }
        }
        do {
            if !dead.isEmpty { try await source.deadLetter(dead) }
            if !delivered.isEmpty { try await source.settle(delivered) }
        } catch {
            logger.error("Could not record deliveries; they may be sent again", metadata: ["error": "\(error)"])
        }
    }
}
