import Logging
import PostgresNIO

/// The tables the daemon keeps in PostgreSQL, versioned like the JSON format: `convener_schema` holds the version,
/// and `migrations[i]` takes the schema from version `i` to `i + 1` inside one transaction.
///
/// Journal records and snapshots hold the same JSON as the state folder's files, with their own state format
/// version, so the state's migrations apply to both backends alike.
enum PostgresSchema {
    /// The schema this build writes.
    static var version: Int { migrations.count }

    static let migrations: [[String]] = [
        [
            // (community, seq) is the optimistic lock of several daemons: the second to take a number fails.
            """
            CREATE TABLE convener_journal (
                community text NOT NULL,
                seq bigint NOT NULL CHECK (seq > 0),
                format_version integer NOT NULL,
                changes bytea NOT NULL,
                PRIMARY KEY (community, seq)
            )
            """,
            """
            CREATE TABLE convener_snapshots (
                community text PRIMARY KEY,
                seq bigint NOT NULL,
                format_version integer NOT NULL,
                state bytea NOT NULL
            )
            """,
            // Anonymous answers waiting for their batch, sealed exactly like the pool files. They are not journaled,
            // so the generation is their optimistic lock: a write names the generation it replaces.
            """
            CREATE TABLE convener_sealed_pools (
                community text NOT NULL,
                pool text NOT NULL,
                sealed bytea NOT NULL,
                generation bigint NOT NULL DEFAULT 1,
                PRIMARY KEY (community, pool)
            )
            """,
            // Who delivers a community's outbox: taken when expired, renewed only by its holder under its fence,
            // all on the database's clock. A row, not a session advisory lock, so poolers in transaction mode keep it.
            """
            CREATE TABLE convener_leases (
                community text NOT NULL,
                name text NOT NULL,
                holder text NOT NULL,
                fence bigint NOT NULL,
                expires_at timestamptz NOT NULL,
                PRIMARY KEY (community, name)
            )
            """,
        ],
        [
            // What the chat platforms keep beside the communities (Teams' address book, Matrix's sync position and
            // rooms), shared by every daemon: one document per name, replaced only at the generation its writer read.
            """
            CREATE TABLE convener_platform_state (
                name text PRIMARY KEY,
                value bytea NOT NULL,
                generation bigint NOT NULL
            )
            """
        ],
    ]

    /// An arbitrary constant naming the schema lock.
    private static let lockKey: Int64 = 0x636f_6e76_656e

    /// Creates or upgrades the schema; refuses a database a newer build has upgraded.
    static func prepare(in database: PostgresDatabase) async throws {
        let url = database.settings.redactedURL
        do {
            try await database.withSession { session in
                try await session.transaction { session in
                    try await upgrade(in: session, url: url)
                }
            }
        } catch {
            if let error = error as? StoreError { throw error }
            throw StoreError.database(doing: "preparing the schema", reason: PostgresDatabase.describe(error))
        }
    }

    /// The upgrade itself, inside the caller's transaction.
    private static func upgrade(in session: DatabaseSession, url: String) async throws {
        // Transaction-scoped, so a pooler in transaction mode cannot hand the lock to someone else.
        try await session.query("SELECT pg_advisory_xact_lock(\(lockKey))")
        try await session.query(
            """
            CREATE TABLE IF NOT EXISTS convener_schema (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                version integer NOT NULL
            )
            """)
        var current = 0
        for row in try await session.query("SELECT version FROM convener_schema") {
            current = try row.decode(Int.self)
        }
        guard current <= version else {
            throw StoreError.newerSchema(url: url, found: current, supported: version)
        }
        guard current < version else { return }
        for step in migrations[current...] {
            for statement in step {
                try await session.query(PostgresQuery(unsafeSQL: statement))
            }
        }
        try await session.query(
            """
            INSERT INTO convener_schema (singleton, version) VALUES (true, \(version))
            ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version
            """)
        // The query logger logs warnings only: an upgrade is worth one.
        session.logger.warning("PostgreSQL schema at \(url) upgraded from version \(current) to \(version)")
    }
}
