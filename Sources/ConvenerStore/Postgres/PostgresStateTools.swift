import Foundation
import Logging
import PostgresNIO

/// `convener state verify|export|import|migrate-to-postgres` against the database: the same documents and reports as
/// for a state folder.
public enum PostgresStateTools {
    /// Reads community `community` from its snapshot row through the last journal row, checking that sequence
    /// numbers follow each other and that every record decodes; read-only, safe while daemons run.
    public static func verify<State: PersistentState>(
        community: String, database: PostgresDatabase, as type: State.Type
    ) async throws -> VerifyReport {
        let (read, _) = try await load(community: community, database: database, as: State.self)
        return VerifyReport(
            snapshotFormatVersion: read.snapshotFormatVersion, snapshotSeq: read.snapshotSeq,
            lastSeq: read.lastSeq(after: 0), recordsChecked: read.records.count, recordsReplayed: read.records.count,
            segments: [], tornTail: nil)
    }

    /// The community's state as one JSON document, exactly as `StateStoreTools.export` writes it for a folder.
    public static func export<State: PersistentState>(
        community: String, database: PostgresDatabase, as type: State.Type
    ) async throws -> Data {
        let (read, state) = try await load(community: community, database: database, as: State.self)
        return try StateStoreTools.document(state, seq: read.lastSeq(after: 0))
    }

    /// Writes an exported document as the snapshot of a community the database does not hold yet, with the sealed
    /// pools given (name → sealed bytes, copied as they are: they stay sealed under the keys in the state).
    public static func importState<State: PersistentState>(
        _ data: Data, community: String, database: PostgresDatabase, as type: State.Type,
        sealedPools: [String: [UInt8]] = [:]
    ) async throws {
        let (seq, state) = try StateStoreTools.decodeDocument(data, as: State.self)
        let bytes = try StoreCoding.encode(state)
        let url = database.settings.redactedURL
        try await database.run("importing community \(community)") { session in
            try await session.transaction { session in
                // Taking the snapshot row's key first makes a concurrent import of the same community fail here.
                do {
                    try await session.query(
                        """
                        INSERT INTO convener_snapshots (community, seq, format_version, state)
                        VALUES (\(community), \(Int64(seq)), \(State.formatVersion), \(ByteBuffer(bytes: bytes)))
                        """)
                } catch {
                    if PostgresDatabase.isUniqueViolation(error) {
                        throw StoreError.communityExists(community: community, url: url)
                    }
                    throw error
                }
                let found = try await session.query(
                    """
                    SELECT (SELECT count(*) FROM convener_journal WHERE community = \(community))
                        + (SELECT count(*) FROM convener_sealed_pools WHERE community = \(community))
                    """
                ).first?.decode(Int.self)
                guard found == 0 else { throw StoreError.communityExists(community: community, url: url) }
                for (pool, sealed) in sealedPools.sorted(by: { $0.key < $1.key }) {
                    try await session.query(
                        """
                        INSERT INTO convener_sealed_pools (community, pool, sealed)
                        VALUES (\(community), \(pool), \(ByteBuffer(bytes: sealed)))
                        """)
                }
            }
        }
    }

    /// What `migrate(…)` moved.
    public struct Migration: Sendable, CustomStringConvertible {
        /// The community.
        public var community: String
        /// The sequence number the state was at.
        public var seq: UInt64
        /// The sealed pools copied.
        public var pools: [String]
        /// The database's verify report afterwards.
        public var verified: VerifyReport

        public var description: String {
            "community \(community): state at seq \(seq) and \(pools.count) sealed pool(s) moved; "
                + "the database's copy verifies and exports byte for byte like the folder"
        }
    }

    /// Moves state folder `directory` into the database as community `community`: holds the folder's lock (so no
    /// daemon writes it meanwhile), imports its export and sealed pool files, then verifies that the database's
    /// export equals the folder's byte for byte. The folder is left as it was.
    public static func migrate<State: PersistentState>(
        directory: String, community: String, database: PostgresDatabase, as type: State.Type,
        fileSystem: some StoreFileSystem = PosixFileSystem()
    ) async throws -> Migration {
        guard try fileSystem.contentsOfDirectory(at: directory) != nil else {
            throw StoreError.io(operation: "open state folder", path: directory, errno: ENOENT)
        }
        let lock = try fileSystem.lockExclusively(at: StoreLayout.path(directory, StoreLayout.lock))
        defer { try? fileSystem.unlock(lock) }
        _ = try StateStoreTools.verify(directory: directory, as: State.self, fileSystem: fileSystem)
        let exported = try StateStoreTools.export(directory: directory, as: State.self, fileSystem: fileSystem)
        var pools: [String: [UInt8]] = [:]
        for name in try fileSystem.contentsOfDirectory(at: directory) ?? [] {
            guard let pool = StoreSealedPool.pool(ofFileName: name),
                let bytes = try fileSystem.readFile(at: StoreLayout.path(directory, name))
            else { continue }
            pools[pool] = bytes
        }
        try await importState(exported, community: community, database: database, as: State.self, sealedPools: pools)
        let verified = try await verify(community: community, database: database, as: State.self)
        let again = try await export(community: community, database: database, as: State.self)
        guard again == exported else {
            throw StoreError.invalidDocument(
                reason: "community \(community) exports differently from the database than from \(directory)")
        }
        let seq = try StateStoreTools.decodeDocument(exported, as: State.self).seq
        return Migration(community: community, seq: seq, pools: pools.keys.sorted(), verified: verified)
    }

    /// The community's rows read and replayed.
    private static func load<State: PersistentState>(
        community: String, database: PostgresDatabase, as type: State.Type
    ) async throws -> (PostgresJournal<State>.Read, State) {
        try StoreMigrator.validate(State.self)
        let journal = PostgresJournal<State>(community: community)
        let read = try await database.run("reading community \(community)") { session in
            try await journal.read(in: session, after: nil)
        }
        var state = read.snapshot ?? State()
        for record in read.records {
            for change in record.changes { state.apply(change) }
        }
        return (read, state)
    }
}
