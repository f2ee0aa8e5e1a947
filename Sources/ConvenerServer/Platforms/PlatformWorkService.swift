import ServiceLifecycle

/// Runs the handling of platform requests as children of one long-lived task group, so that a request answered
/// early (its 3-second deadline passed) goes on being handled inside structured concurrency, and graceful
/// shutdown waits for it to become durable. Beside them, one task watches the requests' deadlines.
final class PlatformWorkService: Service, Sendable {
    /// One request's handling.
    typealias Job = @Sendable () async -> Void

    /// The deadlines of the requests waiting for their handling.
    let watch = PlatformAckWatch()
    private let jobs: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation

    /// An idle service; jobs submitted before `run` starts wait for it.
    init() {
        (jobs, continuation) = AsyncStream.makeStream(of: Job.self)
    }

    /// Hands `job` to the running group; false once the service has stopped (the caller then runs it itself).
    func submit(_ job: @escaping Job) -> Bool {
        if case .enqueued = continuation.yield(job) { return true }
        return false
    }

    /// Runs jobs until graceful shutdown, then waits for the ones started; the deadline watch stops after them.
    func run() async {
        await withTaskGroup(of: Void.self) { watching in
            watching.addTask { await self.watch.run() }
            await withDiscardingTaskGroup { group in
                for await job in jobs.cancelOnGracefulShutdown() {
                    // Not `addImmediateTask`: it saved a handoff per request (0.96× a kudos' CPU), but a handling
                    // started on this loop's thread runs the community's reducer there until it first waits, and a
                    // long one (a pairing round for thousands) would hold up every other community's requests.
                    group.addTask { await job() }
                }
                continuation.finish()
            }
            watching.cancelAll()
        }
    }
}
