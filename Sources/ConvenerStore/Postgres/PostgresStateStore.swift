import Foundation
import Logging
import PostgresNIO
import Synchronization

/// One community's state in a PostgreSQL database that several daemons may share.
///
/// Like the state folder, it buffers enqueued records and writes them in one transaction per flush (group commit):
/// journal rows keyed by `(community, seq)` and the sealed pool rows changed with them. When another daemon took
/// a sequence number first, the insert fails on the primary key and the whole batch is refused with
/// `StoreError.conflict`: the caller rolls its state back, `catchUp()`s and reduces again. A failed or lost
/// connection refuses the batch the same way (`StoreError.database`), without failing the store: once the database
/// is back the next flush succeeds.
public final class PostgresStateStore<State: PersistentState>: Sendable {
    /// The community whose rows these are.
    public let community: String

    private let database: PostgresDatabase
    private let compactionRecords: Int
    private let journal: PostgresJournal<State>
    private let inner: Mutex<Inner>
    /// Who delivers the community's outbox.
    private let deliveryLease: PostgresLease

    private struct Inner: Sendable {
        var lastEnqueuedSeq: UInt64
        var durableSeq: UInt64
        var pending: [(seq: UInt64, payload: [UInt8])] = []
        var pendingPools: [SealedPoolWrite] = []
        var lastPoolSerial: UInt64 = 0
        var durablePoolSerial: UInt64 = 0
        /// Bumped when a batch is refused; tickets of an older epoch that were not durable by then are lost.
        var epoch: UInt64 = 0
        /// For each refused epoch: what was durable when it ended, and why the rest was refused.
        var refused: [UInt64: (seq: UInt64, poolSerial: UInt64, error: StoreError)] = [:]
        var flushing = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var closed = false
        var snapshotSeq: UInt64
        var oldestJournaled: UInt64?
        /// The generation of each pool row, as this process last wrote or read it.
        var pools: [String: Int64]
    }

    private init(
        community: String, database: PostgresDatabase, compactionRecords: Int, read: PostgresJournal<State>.Read,
        pools: [String: Int64]
    ) {
        self.community = community
        self.database = database
        self.compactionRecords = compactionRecords
        self.journal = PostgresJournal(community: community)
        self.deliveryLease = PostgresLease(database: database, scope: community, name: "delivery")
        let last = read.lastSeq(after: 0)
        self.inner = Mutex(
            Inner(
                lastEnqueuedSeq: last, durableSeq: last, snapshotSeq: read.snapshotSeq,
                oldestJournaled: read.records.first?.seq, pools: pools))
    }

    /// Loads community `community` (an empty state when the database has none of it) and returns the store with
    /// the state. The schema must have been prepared (`PostgresDatabase.prepareSchema()`).
    public static func open(
        community: String, database: PostgresDatabase, compactionRecords: Int = 50_000
    ) async throws -> (store: PostgresStateStore<State>, state: State, recovery: RecoveryReport) {
        try StoreMigrator.validate(State.self)
        let journal = PostgresJournal<State>(community: community)
        let read = try await database.run("loading community \(community)") { session in
            try await journal.read(in: session, after: nil)
        }
        var state = read.snapshot ?? State()
        for record in read.records {
            for change in record.changes { state.apply(change) }
        }
        let report = RecoveryReport(
            snapshotSeq: read.snapshotSeq, lastSeq: read.lastSeq(after: 0), recordsReplayed: read.records.count,
            segmentCount: 0, truncatedTail: nil, migratedFromVersion: read.migratedFromVersion,
            createdNew: read.snapshot == nil && read.records.isEmpty)
        let store = PostgresStateStore(
            community: community, database: database, compactionRecords: compactionRecords, read: read,
            pools: read.poolGenerations)
        return (store, state, report)
    }

    /// Writes the buffered records and pool writes in one transaction; the caller set `flushing`. Wakes every
    /// waiter.
    private func flushOnce() async {
        let batch = inner.withLock { inner in
            defer {
                inner.pending = []
                inner.pendingPools = []
            }
            var last: [String: SealedPoolWrite] = [:]
            for write in inner.pendingPools { last[write.pool] = write }
            let pools = last.keys.sorted().compactMap { pool -> (write: SealedPoolWrite, generation: Int64?)? in
                guard let write = last[pool] else { return nil }
                if case .remove = write, inner.pools[pool] == nil { return nil }
                return (write, inner.pools[pool])
            }
            return (
                records: inner.pending, pools: pools, lastSeq: inner.lastEnqueuedSeq, poolSerial: inner.lastPoolSerial,
                epoch: inner.epoch
            )
        }
        var refusal: StoreError?
        var generations: [String: Int64?] = [:]
        if !batch.records.isEmpty || !batch.pools.isEmpty {
            do {
                generations = try await write(records: batch.records, pools: batch.pools)
            } catch let error as StoreError {
                refusal = error
            } catch {
                if PostgresDatabase.isUniqueViolation(error) || error is PoolGenerationMoved {
                    refusal = .conflict(location: location, seq: batch.records.first?.seq ?? 0)
                } else {
                    refusal = .database(
                        doing: "writing to \(location)", reason: PostgresDatabase.describe(error))
                }
            }
        }
        let waiters = inner.withLock { inner in
            if let refusal {
                // Everything enqueued after the refused batch was reduced on top of it: refuse it too.
                inner.refused[batch.epoch] = (inner.durableSeq, inner.durablePoolSerial, refusal)
                inner.epoch += 1
                inner.refused = inner.refused.filter { $0.key + 64 > inner.epoch }
                inner.lastEnqueuedSeq = inner.durableSeq
                inner.lastPoolSerial = inner.durablePoolSerial
                inner.pending = []
                inner.pendingPools = []
            } else {
                if !batch.records.isEmpty {
                    inner.durableSeq = batch.lastSeq
                    if inner.oldestJournaled == nil { inner.oldestJournaled = batch.records.first?.seq }
                }
                inner.durablePoolSerial = batch.poolSerial
                for (pool, generation) in generations { inner.pools[pool] = generation }
            }
            inner.flushing = false
            defer { inner.waiters = [] }
            return inner.waiters
        }
        if let refusal, case .database = refusal {
            database.logger.warning("\(refusal)", metadata: ["convener.community": "\(community)"])
        }
        for waiter in waiters { waiter.resume() }
    }

    /// One transaction: the journal rows, then the pool rows, and a notification for the other daemons. Returns
    /// each written pool's new generation (nil once removed).
    private func write(
        records: [(seq: UInt64, payload: [UInt8])], pools: [(write: SealedPoolWrite, generation: Int64?)]
    ) async throws -> [String: Int64?] {
        var sealed: [(pool: String, bytes: [UInt8]?, generation: Int64?)] = []
        for (write, generation) in pools {
            switch write {
            case .replace(let pool, let key, let plaintext):
                sealed.append((pool, try StoreSealedPool.seal(plaintext, pool: pool, key: key), generation))
            case .remove(let pool):
                sealed.append((pool, nil, generation))
            }
        }
        let community = self.community
        let version = State.formatVersion
        let writes = sealed
        return try await database.withDeadline("writing to \(location)") { session in
            try await session.transaction { session in
                for record in records {
                    try await session.query(
                        """
                        INSERT INTO convener_journal (community, seq, format_version, changes)
                        VALUES (\(community), \(Int64(record.seq)), \(version), \(ByteBuffer(bytes: record.payload)))
                        """)
                }
                var generations: [String: Int64?] = [:]
                for (pool, bytes, generation) in writes {
                    // Only the generation this process saw may be replaced: another daemon's answers are never lost.
                    let rows: PostgresQueryResult
                    switch (bytes, generation) {
                    case (let bytes?, nil):
                        rows = try await session.query(
                            """
                            INSERT INTO convener_sealed_pools (community, pool, sealed, generation)
                            VALUES (\(community), \(pool), \(ByteBuffer(bytes: bytes)), 1) RETURNING generation
                            """)
                    case (let bytes?, let generation?):
                        rows = try await session.query(
                            """
                            UPDATE convener_sealed_pools SET sealed = \(ByteBuffer(bytes: bytes)), generation = generation + 1
                            WHERE community = \(community) AND pool = \(pool) AND generation = \(generation)
                            RETURNING generation
                            """)
                    case (nil, let generation):
                        rows = try await session.query(
                            """
                            DELETE FROM convener_sealed_pools
                            WHERE community = \(community) AND pool = \(pool) AND generation = \(generation ?? 0)
                            RETURNING 0::bigint
                            """)
                    }
                    guard let written = try rows.first?.decode(Int64.self) else { throw PoolGenerationMoved() }
                    generations[pool] = bytes == nil ? Int64?.none : written
                }
                if let last = records.last {
                    // Delivered at commit: the other daemons catch up at once instead of at their next input.
                    let notice = JournalNotice(community: community, seq: last.seq).payload
                    try await session.query("SELECT pg_notify(\(JournalNotice.channel), \(notice))")
                }
                return generations
            }
        }
    }
}

extension PostgresStateStore: StateStoring {
    public var location: String { journal.location }

    /// Several daemons may append to the same community.
    public var isShared: Bool { true }

    public var lastTicket: JournalTicket {
        inner.withLock {
            JournalTicket(seq: $0.lastEnqueuedSeq, byteMark: 0, poolSerial: $0.lastPoolSerial, epoch: $0.epoch)
        }
    }

    public func enqueue(_ changes: [State.Change], pools: [SealedPoolWrite]) throws -> JournalTicket {
        for write in pools where !StoreSealedPool.isValidName(write.pool) {
            throw StoreError.encodingFailed(reason: "\"\(write.pool)\" is not a pool name (letters, digits, - and _)")
        }
        let payload = changes.isEmpty ? nil : try StoreCoding.encode(changes)
        return try inner.withLock { inner in
            if inner.closed { throw StoreError.closed(directory: location) }
            if !pools.isEmpty {
                inner.pendingPools += pools
                inner.lastPoolSerial += 1
            }
            if let payload {
                inner.lastEnqueuedSeq += 1
                inner.pending.append((inner.lastEnqueuedSeq, payload))
            }
            return JournalTicket(
                seq: inner.lastEnqueuedSeq, byteMark: 0, poolSerial: inner.lastPoolSerial, epoch: inner.epoch)
        }
    }

    public func waitUntilDurable(_ ticket: JournalTicket) async throws {
        try await StoreGroupCommit.waitUntilDurable(
            decide: {
                try inner.withLock { inner in
                    if ticket.epoch < inner.epoch {
                        // Refused, unless it was durable before the refusal.
                        guard let refused = inner.refused[ticket.epoch] else {
                            throw StoreError.unknownTicket(seq: ticket.seq, lastSeq: inner.lastEnqueuedSeq)
                        }
                        if ticket.seq <= refused.seq && ticket.poolSerial <= refused.poolSerial { return .done }
                        throw refused.error
                    }
                    if inner.durableSeq >= ticket.seq && inner.durablePoolSerial >= ticket.poolSerial { return .done }
                    if ticket.seq > inner.lastEnqueuedSeq || ticket.poolSerial > inner.lastPoolSerial {
                        throw StoreError.unknownTicket(seq: ticket.seq, lastSeq: inner.lastEnqueuedSeq)
                    }
                    if inner.flushing { return .wait }
                    inner.flushing = true
                    return .flush
                }
            },
            flush: { await flushOnce() },
            park: { continuation in
                inner.withLock { inner in
                    guard inner.flushing else { return false }
                    inner.waiters.append(continuation)
                    return true
                }
            })
    }

    public func catchUp() async throws -> StoreCatchUp<State> {
        let (known, knownPools) = try inner.withLock { inner in
            guard inner.pending.isEmpty, inner.pendingPools.isEmpty, !inner.flushing else {
                throw StoreError.failed(reason: "catch-up asked while records of \(location) wait to be written")
            }
            return (inner.durableSeq, inner.pools)
        }
        let journal = self.journal
        let read = try await database.run("reading \(location)") { session in
            try await journal.read(in: session, after: known, knownPools: knownPools)
        }
        let last = read.lastSeq(after: known)
        inner.withLock { inner in
            if inner.durableSeq == known, inner.lastEnqueuedSeq == known {
                inner.durableSeq = last
                inner.lastEnqueuedSeq = last
                inner.pools = read.poolGenerations
                if read.snapshot != nil { inner.snapshotSeq = max(inner.snapshotSeq, read.snapshotSeq) }
                if inner.oldestJournaled == nil { inner.oldestJournaled = read.records.first?.seq }
            }
        }
        return StoreCatchUp(
            reset: read.snapshot, records: read.records.map(\.changes),
            pools: read.changedPools.map { SealedPoolContent(pool: $0.pool, sealed: $0.sealed, location: location) })
    }

    /// The community's delivery lease (see `PostgresLease`).
    public func holdDeliveryLease(seconds: Int) async -> Bool {
        await deliveryLease.hold(seconds: seconds)
    }

    public var sealedPools: [String] {
        inner.withLock { $0.pools.keys.sorted() }
    }

    public func sealedPoolPath(_ pool: String) -> String {
        "sealed pool \(pool) of \(location)"
    }

    public func readSealedPool(_ pool: String, key: [UInt8]) async throws -> [UInt8]? {
        let community = self.community
        let bytes = try await database.run("reading \(sealedPoolPath(pool))") { session in
            try await session.query(
                "SELECT sealed FROM convener_sealed_pools WHERE community = \(community) AND pool = \(pool)"
            ).first.map { Array(buffer: try $0.decode(ByteBuffer.self)) }
        }
        guard let bytes else { return nil }
        return try StoreSealedPool.open(bytes, pool: pool, key: key, file: sealedPoolPath(pool))
    }

    public var needsCompaction: Bool {
        inner.withLock { $0.lastEnqueuedSeq - $0.snapshotSeq >= UInt64(compactionRecords) }
    }

    public var snapshotSequence: UInt64 {
        inner.withLock { $0.snapshotSeq }
    }

    public var oldestJournaledSequence: UInt64? {
        inner.withLock { $0.oldestJournaled }
    }

    /// Writes the snapshot row and deletes the journal rows it covers in one transaction, so the records go at
    /// once (no segment in use survives as with files). A snapshot never moves back: a daemon behind another one
    /// leaves the newer snapshot in place.
    public func compact(_ state: State, through ticket: JournalTicket) async throws {
        try await waitUntilDurable(ticket)
        guard ticket.seq > snapshotSequence else { return }
        let bytes = try StoreCoding.encode(state)
        let community = self.community
        let version = State.formatVersion
        let seq = Int64(ticket.seq)
        let deadline = database.settings.connectTimeoutSeconds + database.settings.statementTimeoutSeconds
        try await database.run("compacting \(location)", deadline: deadline) { session in
            try await session.transaction { session in
                try await session.query(
                    """
                    INSERT INTO convener_snapshots (community, seq, format_version, state)
                    VALUES (\(community), \(seq), \(version), \(ByteBuffer(bytes: bytes)))
                    ON CONFLICT (community) DO UPDATE
                    SET seq = EXCLUDED.seq, format_version = EXCLUDED.format_version, state = EXCLUDED.state
                    WHERE convener_snapshots.seq < EXCLUDED.seq
                    """)
                try await session.query("DELETE FROM convener_journal WHERE community = \(community) AND seq <= \(seq)")
            }
        }
        inner.withLock { inner in
            inner.snapshotSeq = max(inner.snapshotSeq, ticket.seq)
            if let oldest = inner.oldestJournaled, oldest <= ticket.seq {
                inner.oldestJournaled = inner.durableSeq > ticket.seq ? ticket.seq + 1 : nil
            }
        }
        database.logger.info(
            "state snapshot written at seq \(ticket.seq); journal rows up to it deleted",
            metadata: ["convener.community": "\(community)"])
    }

    /// A plain `VACUUM` of the tables a compaction deletes from: the dead rows' space is freed for reuse and empty
    /// pages at a table's end are cut from its file. Not `VACUUM FULL`, which would lock every daemon out of the
    /// table while it rewrites it (see the threat model for what that leaves, and what WAL and backups keep).
    public func reclaimErasedSpace() async throws {
        let deadline = database.settings.connectTimeoutSeconds + database.settings.statementTimeoutSeconds
        try await database.run("vacuuming the tables of \(location)", deadline: deadline) { session in
            try await session.query("VACUUM convener_journal, convener_snapshots, convener_sealed_pools")
            return ()
        }
        database.logger.info(
            "vacuumed the journal, snapshot and pool tables after an erasure",
            metadata: ["convener.community": "\(community)"])
    }

    public func close() async throws {
        let last = inner.withLock { inner in
            defer { inner.closed = true }
            return JournalTicket(
                seq: inner.lastEnqueuedSeq, byteMark: 0, poolSerial: inner.lastPoolSerial, epoch: inner.epoch)
        }
        try await waitUntilDurable(last)
    }
}

/// A pool row changed under this process: another daemon wrote it since.
struct PoolGenerationMoved: Error {}
