import PostgresNIO

/// The small documents chat platforms keep beside the communities (Teams' address book, Matrix's sync position
/// and rooms) as rows of `convener_platform_state`, so every daemon sharing the database reads and writes the
/// same ones. Each row has a generation: a write names the generation it read and is refused when another daemon
/// wrote in between, so the writer reads again and reapplies its change instead of losing the other's.
public struct PostgresPlatformState: Sendable {
    /// One stored version of a document.
    public struct Version: Sendable {
        /// Its bytes (JSON).
        public let bytes: [UInt8]
        /// Its generation, bumped by every write.
        public let generation: Int64
    }

    private let database: PostgresDatabase

    /// The documents in `database` (its schema prepared).
    public init(database: PostgresDatabase) {
        self.database = database
    }

    /// Document `name` when its generation differs from `known` (nil: always), else nil; nil too when there is no
    /// such document.
    public func load(_ name: String, unlessAt known: Int64? = nil) async throws -> Version? {
        let known = known ?? -1
        return try await database.run("reading the platform state \(name)") { client, logger in
            for try await (value, generation) in try await client.query(
                """
                SELECT value, generation FROM convener_platform_state WHERE name = \(name) AND generation <> \(known)
                """, logger: logger
            ).decode((ByteBuffer, Int64).self) {
                return Version(bytes: Array(buffer: value), generation: generation)
            }
            return nil
        }
    }

    /// Replaces document `name` with `bytes` when it is still at `generation` (nil: when there is none yet).
    /// Returns the new generation, or nil when another daemon wrote it first.
    public func replace(_ name: String, with bytes: [UInt8], expecting generation: Int64?) async throws -> Int64? {
        try await database.run("writing the platform state \(name)") { client, logger in
            let rows: PostgresRowSequence
            if let generation {
                rows = try await client.query(
                    """
                    UPDATE convener_platform_state SET value = \(ByteBuffer(bytes: bytes)), generation = generation + 1
                    WHERE name = \(name) AND generation = \(generation) RETURNING generation
                    """, logger: logger)
            } else {
                rows = try await client.query(
                    """
                    INSERT INTO convener_platform_state (name, value, generation)
                    VALUES (\(name), \(ByteBuffer(bytes: bytes)), 1) ON CONFLICT (name) DO NOTHING RETURNING generation
                    """, logger: logger)
            }
            for try await written in rows.decode(Int64.self) { return written }
            return nil
        }
    }
}
