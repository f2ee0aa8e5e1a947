import ConvenerCore
import Foundation
import Logging
import PostgresNIO

/// Reading one community's state out of the database: the snapshot row, then the journal rows after it, with the
/// same format checks and migrations as a state folder's files.
struct PostgresJournal<State: PersistentState> {
    let community: String

    /// What a read found.
    struct Read: Sendable {
        /// The snapshot's state, when the read started from it.
        var snapshot: State?
        var snapshotSeq: UInt64
        var snapshotFormatVersion: Int
        /// Records after the snapshot (or after the `known` sequence number), in order.
        var records: [(seq: UInt64, changes: [State.Change])]
        /// The oldest format version migrated while reading, if any.
        var migratedFromVersion: Int?
        /// Every sealed pool row's generation.
        var poolGenerations: [String: Int64] = [:]
        /// The pools whose generation differs from the known one: their sealed bytes, or nil when the row is gone.
        var changedPools: [(pool: String, sealed: [UInt8]?)] = []

        /// The last sequence number the read reached.
        func lastSeq(after known: UInt64) -> UInt64 {
            records.last?.seq ?? (snapshot == nil ? known : snapshotSeq)
        }
    }

    /// Where the records live, for messages.
    var location: String { "community \(community) in the database" }

    /// Everything after `known`, or (with `known` nil, or when a compaction dropped records after `known`) the
    /// snapshot and everything after it, with the pool rows that changed since `knownPools`. One repeatable-read
    /// transaction, so a compaction or a write cannot slip in between.
    func read(in session: DatabaseSession, after known: UInt64?, knownPools: [String: Int64] = [:]) async throws -> Read
    {
        let community = self.community
        let floor = known.map { Int64($0) } ?? -1
        let raw = try await session.transaction { session in
            try await session.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            var snapshot: (seq: Int64, version: Int, state: ByteBuffer?)?
            for row in try await session.query(
                """
                SELECT seq, format_version, CASE WHEN seq > \(floor) THEN state END
                FROM convener_snapshots WHERE community = \(community)
                """
            ) {
                snapshot = try row.decode((Int64, Int, ByteBuffer?).self)
            }
            let base = max(floor, snapshot.flatMap { $0.state == nil ? nil : $0.seq } ?? floor, 0)
            let records = try await session.query(
                """
                SELECT seq, format_version, changes FROM convener_journal
                WHERE community = \(community) AND seq > \(base) ORDER BY seq
                """
            ).map { row -> (seq: Int64, version: Int, changes: ByteBuffer) in
                let (seq, version, changes) = try row.decode((Int64, Int, ByteBuffer).self)
                return (seq, version, changes)
            }
            var generations: [String: Int64] = [:]
            for row in try await session.query(
                "SELECT pool, generation FROM convener_sealed_pools WHERE community = \(community)"
            ) {
                let (pool, generation) = try row.decode((String, Int64).self)
                generations[pool] = generation
            }
            var changed: [(pool: String, sealed: [UInt8]?)] = []
            if known != nil {
                for pool in Set(generations.keys).union(knownPools.keys).sorted()
                where generations[pool] != knownPools[pool] {
                    guard generations[pool] != nil else {
                        changed.append((pool, nil))
                        continue
                    }
                    for row in try await session.query(
                        "SELECT sealed FROM convener_sealed_pools WHERE community = \(community) AND pool = \(pool)"
                    ) {
                        changed.append((pool, Array(buffer: try row.decode(ByteBuffer.self))))
                    }
                }
            }
            return (snapshot: snapshot, base: base, records: records, generations: generations, changed: changed)
        }
        var read = Read(
            snapshot: nil, snapshotSeq: UInt64(max(raw.snapshot?.seq ?? 0, 0)),
            snapshotFormatVersion: raw.snapshot?.version ?? State.formatVersion, records: [], migratedFromVersion: nil,
            poolGenerations: raw.generations, changedPools: raw.changed)
        if let snapshot = raw.snapshot, let bytes = snapshot.state {
            read.snapshot = try Self.decodeState(
                Array(buffer: bytes), version: snapshot.version, location: location, into: &read.migratedFromVersion)
        }
        var expected = UInt64(raw.base) + 1
        for record in raw.records {
            guard UInt64(record.seq) == expected else {
                throw StoreError.sequenceGap(
                    file: location, offset: 0, expected: expected, found: UInt64(record.seq))
            }
            let changes = try Self.decodeChanges(
                Array(buffer: record.changes), version: record.version, location: location, seq: expected,
                into: &read.migratedFromVersion)
            read.records.append((expected, changes))
            expected += 1
        }
        return read
    }

    /// A snapshot's state written at format `version`, migrated when older.
    static func decodeState(
        _ bytes: [UInt8], version: Int, location: String, into migratedFrom: inout Int?
    ) throws -> State {
        guard version <= State.formatVersion else {
            throw StoreError.newerFormat(file: location, offset: 0, found: version, supported: State.formatVersion)
        }
        do {
            if version == State.formatVersion { return try JSONDecoder().decode(State.self, from: Data(bytes)) }
            let old = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
            let migrated = try StoreMigrator.migrateState(old, from: version, as: State.self)
            migratedFrom = min(migratedFrom ?? version, version)
            return try JSONDecoder().decode(State.self, from: Data(try StoreCoding.encode(migrated)))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corruptSnapshot(file: location, reason: "the state does not decode: \(error)")
        }
    }

    /// A record's changes written at format `version`, migrated when older.
    static func decodeChanges(
        _ bytes: [UInt8], version: Int, location: String, seq: UInt64, into migratedFrom: inout Int?
    ) throws -> [State.Change] {
        guard version <= State.formatVersion else {
            throw StoreError.newerFormat(
                file: location, offset: Int(seq), found: version, supported: State.formatVersion)
        }
        do {
            if version == State.formatVersion {
                return try JSONDecoder().decode([State.Change].self, from: Data(bytes))
            }
            let old = try JSONDecoder().decode([JSONValue].self, from: Data(bytes))
            let migrated = try old.map { try StoreMigrator.migrateChange($0, from: version, as: State.self) }
            migratedFrom = min(migratedFrom ?? version, version)
            return try JSONDecoder().decode([State.Change].self, from: Data(try StoreCoding.encode(migrated)))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.undecodableRecord(file: "\(location), record \(seq)", offset: 0, reason: "\(error)")
        }
    }
}
