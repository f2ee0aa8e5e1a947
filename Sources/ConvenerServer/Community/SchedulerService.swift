import ConvenerCore
import Logging
import ServiceLifecycle

/// Lets time pass in every community once a second: due schedules fire and quiet members are noticed.
///
/// It is started after the communities' own services and so stopped before them: no tick runs once a store
/// is closed.
public struct SchedulerService: Service {
    let runtimes: [CommunityRuntime]
    let logger: Logger

    /// A scheduler for `runtimes`.
    public init(runtimes: [CommunityRuntime], logger: Logger) {
        self.runtimes = runtimes
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            for runtime in runtimes {
                do {
                    try await runtime.tick()
                } catch {
                    logger.error(
                        "Scheduler tick failed",
                        metadata: ["convener.community": "\(runtime.profile.id)", "error": "\(error)"])
                }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
        }
    }
}
