import ConvenerCore
import ConvenerStore
import Foundation
import Logging
import ServiceLifecycle

/// Keeps `DatabaseTime` in step with the database's clock: every daemon sharing a database schedules by it.
struct DatabaseTimeService: Service {
    let time: DatabaseTime
    let database: PostgresDatabase
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(10)) }
            do {
                try await time.synchronize(with: database)
            } catch {
                logger.debug("Could not read the database's clock; keeping the last offset: \(error)")
            }
        }
    }
}

/// The database's time as a wall clock.
struct DatabaseWallClock: WallClock {
    let time: DatabaseTime

    func now() -> Date { time.now() }
}
