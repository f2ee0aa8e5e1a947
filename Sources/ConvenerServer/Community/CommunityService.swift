import ConvenerCore
import Logging
import ServiceLifecycle

/// Runs a community's background upkeep (compaction, reclaiming erased records' space) and closes its state cleanly at shutdown.
///
/// It is started before the HTTP server and so stopped after it: by the time it closes the store, no request
/// is still in flight.
public struct CommunityService: Service {
    let runtime: CommunityRuntime
    let logger: Logger

    /// Upkeep for `runtime`.
    public init(runtime: CommunityRuntime, logger: Logger) {
        self.runtime = runtime
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
            await runtime.compactIfNeeded()
            await runtime.reclaimErasedSpaceIfWanted()
        }
        try await runtime.close()
        logger.info("State flushed and closed", metadata: ["convener.community": "\(runtime.profile.id)"])
    }
}
