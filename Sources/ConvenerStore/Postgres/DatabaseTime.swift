import Foundation
import PostgresNIO
import Synchronization

/// The database's clock, read through this machine's: the offset between them is measured now and then, so every
/// daemon sharing the database agrees on what time it is (due schedules, quiet hours) whatever its own clock says.
public final class DatabaseTime: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    /// A clock equal to this machine's until the first `synchronize`.
    public init() {}

    /// The database's time now.
    public func now() -> Date {
        Date().addingTimeInterval(offset.withLock { $0 })
    }

    /// The last measured offset (database minus this machine), in seconds.
    public var measuredOffset: TimeInterval {
        offset.withLock { $0 }
    }

    /// Reads `clock_timestamp()` and keeps its offset from this machine's clock at the middle of the round trip.
    public func synchronize(with database: PostgresDatabase) async throws {
        let sent = Date()
        let remote = try await database.run("reading the database's clock") { session in
            try await session.query("SELECT extract(epoch FROM clock_timestamp())::float8").first?.decode(Double.self)
                ?? 0
        }
        let received = Date()
        let middle = sent.timeIntervalSince1970 + received.timeIntervalSince(sent) / 2
        offset.withLock { $0 = remote - middle }
    }
}
