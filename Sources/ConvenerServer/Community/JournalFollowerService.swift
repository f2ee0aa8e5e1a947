import ConvenerCore
import ConvenerStore
import Logging
import ServiceLifecycle

/// Keeps every community's state in memory current with what the other daemons sharing the database append: it
/// holds one `LISTEN` connection of its own and catches a community up as soon as a commit's notice says it moved
/// on, once after each (re)connect, and on a slow safety poll for a notice lost anyway (notices are not queued
/// while the connection is down).
///
/// Inputs still catch up before they are reduced, so an answer never misses a change another daemon acknowledged
/// first; this is what brings reads (the dashboard, the calendar) and idle ticks up to date between inputs.
struct JournalFollowerService: Service {
    let database: PostgresDatabase
    let runtimes: [CommunityRuntime]
    let logger: Logger
    /// How often every community catches up whatever the notices said.
    var safetyPoll: Duration = .seconds(30)

    func run() async throws {
        var byID: [String: CommunityRuntime] = [:]
        for runtime in runtimes { byID[runtime.profile.id] = runtime }
        let communities = byID
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await listen(communities) }
            group.addTask { await poll() }
            await group.waitForAll()
        }
    }

    /// Follows the notices, reconnecting with a backoff from 1 s to 30 s while the database is away.
    private func listen(_ communities: [String: CommunityRuntime]) async {
        var backoff = ReconnectBackoff(ceiling: .seconds(30))
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown {
                    try await database.followJournal(
                        listening: {
                            logger.debug("Following the journal's notices")
                            for runtime in runtimes { await runtime.follow(through: nil, cause: .reconnect) }
                        },
                        notice: { notice in
                            await communities[notice.community]?.follow(through: notice.seq, cause: .notice)
                        })
                }
                backoff.succeeded()
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                logger.warning(
                    "The journal's notice connection failed; reconnecting (the daemon keeps serving)",
                    metadata: ["error": "\(error)", "retry.in": "\(backoff.next)"])
            }
            await backoff.pause()
        }
    }

    /// Catches every community up every `safetyPoll`.
    private func poll() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: safetyPoll) }
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            for runtime in runtimes { await runtime.follow(through: nil, cause: .poll) }
        }
    }
}
