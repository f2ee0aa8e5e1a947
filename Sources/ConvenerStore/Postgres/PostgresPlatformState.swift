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
        return try await database.run("reading the platform state \(name)") { session in
            try await session.query(
                """
                SELECT value, generation FROM convener_platform_state WHERE name = \(name) AND generation <> \(known)
                """
            ).first.map { row in
                let (value, generation) = try row.decode((ByteBuffer, Int64).self)
                return Version(bytes: Array(buffer: value), generation: generation)
            }
        }
    }

    /// Replaces document `name` with `bytes` when it is still at `generation` (nil: when there is none yet).
    /// Returns the new generation, or nil when another daemon wrote it first.
    public func replace(_ name: String, with bytes: [UInt8], expecting generation: Int64?) async throws -> Int64? {
        try await database.run("writing the platform state \(name)") { session in
            let rows: PostgresQueryResult
            if let generation {
                rows = try await session.query(
                    """
                    UPDATE convener_platform_state SET value = \(ByteBuffer(bytes: bytes)), generation = generation + 1
                    WHERE name = \(name) AND generation = \(generation) RETURNING generation
                    """)
            } else {
                rows = try await session.query(
                    """
                    INSERT INTO convener_platform_state (name, value, generation)
                    VALUES (\(name), \(ByteBuffer(bytes: bytes)), 1) ON CONFLICT (name) DO NOTHING RETURNING generation
                    """)
            }
            return try rows.first?.decode(Int64.self)
        }
    }
}
