import Foundation
import PostgresNIO
import Synchronization

/// A fenced lease in `convener_leases`: who does a piece of work only one daemon may do at a time (deliver a
/// community's outbox, run Matrix's `/sync`), on the database's clock.
///
/// It is taken only when expired, with `fence = fence + 1`, and renewed only by its holder under its own fence and
/// before it expires, so a daemon that paused past its lease can never renew over the new holder. A row rather
/// than a session advisory lock, so poolers in transaction mode keep it.
public final class PostgresLease: Sendable {
    /// The lease's scope: a community's id, or `""` for work of the whole database (a platform account's sync).
    public let scope: String
    /// What it is for (`delivery`, `matrix.sync`).
    public let name: String

    private let database: PostgresDatabase
    /// This process's name as a holder.
    private let holder = UUID().uuidString
    /// The fence while this process holds the lease.
    private let fence = Mutex<Int64?>(nil)

    /// The lease `name` of `scope` in `database`.
    public init(database: PostgresDatabase, scope: String, name: String) {
        self.database = database
        self.scope = scope
        self.name = name
    }

    /// Renews the lease while this process holds it under its fence and it has not expired; otherwise takes it when
    /// it expired. True while this process holds it (for `seconds` from now on the database's clock); false when
    /// another holds it or the database does not answer.
    public func hold(seconds: Int) async -> Bool {
        let fence = self.fence.withLock { $0 }
        let scope = self.scope
        let name = self.name
        let holder = self.holder
        let duration = Double(seconds)
        let held: Int64? = try? await database.run("holding the \(name) lease") { session in
            if let fence,
                let renewed = try await session.query(
                    """
                    UPDATE convener_leases SET expires_at = now() + make_interval(secs => \(duration))
                    WHERE community = \(scope) AND name = \(name) AND holder = \(holder) AND fence = \(fence)
                        AND expires_at > now()
                    RETURNING fence
                    """
                ).first?.decode(Int64.self)
            {
                return renewed
            }
            return try await session.query(
                """
                INSERT INTO convener_leases (community, name, holder, fence, expires_at)
                VALUES (\(scope), \(name), \(holder), 1, now() + make_interval(secs => \(duration)))
                ON CONFLICT (community, name) DO UPDATE
                SET holder = EXCLUDED.holder, fence = convener_leases.fence + 1, expires_at = EXCLUDED.expires_at
                WHERE convener_leases.expires_at <= now()
                RETURNING fence
                """
            ).first?.decode(Int64.self)
        }
        self.fence.withLock { $0 = held }
        return held != nil
    }
}
