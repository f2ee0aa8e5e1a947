import Foundation
import Logging
import NIOPosix
import Synchronization

/// A durable JSON state engine for one state folder: snapshot + CRC-checked JSON-lines journal, group commit.
///
/// The caller keeps the live state in memory (inside its actor), applies changes there, then `enqueue`s them
/// and awaits `waitUntilDurable` before acknowledging. Records are written in enqueue order; concurrent
/// waiters share one write + fsync.
///
/// Sealed pool files (anonymous answers and notes waiting for their batch, see `SealedPoolWrite`) travel with the
/// records: each flush writes the journal and fsyncs it first, then replaces each changed pool file whole (temp
/// file, fsync, rename, one folder fsync), so a pool file is never newer than the journal records before it.
public final class StateStore<State: PersistentState>: Sendable {
    /// The state folder.
    public let directory: String

    private let fileSystem: any StoreFileSystem
    private let options: StateStoreOptions
    private let logger: Logger
    private let lockHandle: StoreFileHandle
    private let inner: Mutex<Inner>

    private struct Inner: Sendable {
        var lastEnqueuedSeq: UInt64
        var durableSeq: UInt64
        var pending: [UInt8] = []
        var pendingFirstSeq: UInt64?
        var totalBytes: Int
        var flushing = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var failure: StoreError?
        var closed = false
        var segments: [StoreSegment]
        var active: StoreFileHandle?
        var rotateRequested = false
        var snapshotSeq: UInt64
        var snapshotByteMark: Int
        /// The size of the snapshot on disk, which the journal must reach a share of before the next compaction.
        var snapshotBytes: Int
        var compacting = false
        var pendingPools: [SealedPoolWrite] = []
        var lastPoolSerial: UInt64 = 0
        var durablePoolSerial: UInt64 = 0
        /// The pools that have a file on disk.
        var pools: Set<String>
    }

    private init(
        directory: String, fileSystem: any StoreFileSystem, options: StateStoreOptions, logger: Logger,
        lockHandle: StoreFileHandle, recovered: StoreRecovery<State>.Result, active: StoreFileHandle?,
        pools: Set<String>
    ) {
        self.directory = directory
        self.fileSystem = fileSystem
        self.options = options
        self.logger = logger
        self.lockHandle = lockHandle
        self.inner = Mutex(
            Inner(
                lastEnqueuedSeq: recovered.lastSeq, durableSeq: recovered.lastSeq,
                totalBytes: recovered.bytesSinceSnapshot,
                segments: recovered.segments, active: active, snapshotSeq: recovered.snapshotSeq,
                snapshotByteMark: 0, snapshotBytes: recovered.snapshotBytes, pools: pools
            )
        )
    }

    /// Opens (creating if empty) a folder: takes the lock, loads the snapshot, replays the journal (cutting a
    /// torn tail and reporting it), and returns the recovered state.
    public static func open(
        directory: String, options: StateStoreOptions = .init(),
        fileSystem: some StoreFileSystem = PosixFileSystem(), logger: Logger
    ) async throws -> (store: StateStore<State>, state: State, recovery: RecoveryReport) {
        let fileSystem: any StoreFileSystem = fileSystem
        let opened = try await StoreBlockingIO.run(on: options.threadPool) {
            try Self.openBlocking(directory: directory, fileSystem: fileSystem, options: options)
        }
        let recovered = opened.result
        let report = RecoveryReport(
            snapshotSeq: recovered.snapshotSeq, lastSeq: recovered.lastSeq,
            recordsReplayed: recovered.recordsReplayed, segmentCount: recovered.segments.count,
            truncatedTail: recovered.tornTail, migratedFromVersion: recovered.migratedFromVersion,
            createdNew: !recovered.hasSnapshot && recovered.segments.isEmpty
        )
        if let tail = recovered.tornTail {
            logger.warning(
                "journal tail cut after a crash: \(tail)",
                metadata: ["convener.state.file": "\(tail.file)", "convener.state.offset": "\(tail.offset)"])
        }
        logger.info("\(report)", metadata: ["convener.state.dir": "\(directory)"])
        let store = StateStore(
            directory: directory, fileSystem: fileSystem, options: options, logger: logger,
            lockHandle: opened.lock, recovered: recovered, active: opened.active, pools: opened.pools)
        return (store, recovered.state, report)
    }

    private static func openBlocking(
        directory: String, fileSystem: any StoreFileSystem, options: StateStoreOptions
    ) throws -> (
        lock: StoreFileHandle, result: StoreRecovery<State>.Result, active: StoreFileHandle?, pools: Set<String>
    ) {
        try fileSystem.createDirectory(at: directory)
        let lock = try fileSystem.lockExclusively(at: StoreLayout.path(directory, StoreLayout.lock))
        do {
            var result = try StoreRecovery<State>(directory: directory, fileSystem: fileSystem).load()
            if let tail = result.tornTail {
                try fileSystem.truncateFile(at: tail.file, toSize: tail.offset)
            }
            // An empty last segment (cut to nothing, or created just before a crash) is recreated on demand.
            if let last = result.segments.last, last.lastSeq == nil {
                try fileSystem.removeItem(at: StoreLayout.path(directory, last.name))
                result.segments.removeLast()
            }
            if result.otherFiles.contains(StoreLayout.snapshotTemporary) {
                try fileSystem.removeItem(at: StoreLayout.path(directory, StoreLayout.snapshotTemporary))
            }
            // A pool file being replaced when the power went: the file it was to replace is still whole.
            for name in result.otherFiles
            where name.hasPrefix(StoreSealedPool.prefix) && name.hasSuffix(StoreSealedPool.temporarySuffix) {
                try fileSystem.removeItem(at: StoreLayout.path(directory, name))
            }
            let pools = Set(result.otherFiles.compactMap(StoreSealedPool.pool(ofFileName:)))
            try fileSystem.synchronizeDirectory(at: directory)
            // Keep appending to the last segment (its tail is clean now) rather than start a file per restart.
            var active: StoreFileHandle?
            if let last = result.segments.last, last.size < options.segmentMaxBytes {
                active = try fileSystem.openForWriting(
                    at: StoreLayout.path(directory, last.name), truncating: false)
            }
            return (lock, result, active, pools)
        } catch {
            try? fileSystem.unlock(lock)
            throw error
        }
    }

    /// The ticket of the last enqueued (or recovered) record.
    public var lastTicket: JournalTicket {
        inner.withLock {
            JournalTicket(seq: $0.lastEnqueuedSeq, byteMark: $0.totalBytes, poolSerial: $0.lastPoolSerial)
        }
    }

    /// The pools that have a sealed file in the folder.
    public var sealedPools: [String] {
        inner.withLock { $0.pools.sorted() }
    }

    /// The path of pool `pool`'s sealed file, for messages.
    public func sealedPoolPath(_ pool: String) -> String {
        StoreLayout.path(directory, StoreSealedPool.fileName(pool))
    }

    /// Reads pool `pool`'s sealed file and opens it with `key`: its plaintext, or nil when it has no file. Throws
    /// `StoreError.unopenableSealedPool` when the file does not open with that key.
    public func readSealedPool(_ pool: String, key: [UInt8]) async throws -> [UInt8]? {
        let fileSystem = self.fileSystem
        let path = StoreLayout.path(directory, StoreSealedPool.fileName(pool))
        return try await StoreBlockingIO.run(on: options.threadPool) {
            guard let bytes = try fileSystem.readFile(at: path) else { return nil }
            return try StoreSealedPool.open(bytes, pool: pool, key: key, file: path)
        }
    }

    /// Assigns the next sequence number and buffers the record; records are written in enqueue order. Pool
    /// writes become durable with the record, after it; with no changes, only the pool writes are buffered.
    ///
    /// Call it from inside the owning actor right after applying the changes in memory.
    public func enqueue(_ changes: [State.Change], pools: [SealedPoolWrite] = []) throws -> JournalTicket {
        for write in pools where !StoreSealedPool.isValidName(write.pool) {
            throw StoreError.encodingFailed(reason: "\"\(write.pool)\" is not a pool name (letters, digits, - and _)")
        }
        let payload = changes.isEmpty ? nil : try StoreCoding.encode(changes)
        return try inner.withLock { inner in
            if let failure = inner.failure { throw failure }
            if inner.closed { throw StoreError.closed(directory: directory) }
            if !pools.isEmpty {
                inner.pendingPools += pools
                inner.lastPoolSerial += 1
            }
            guard let payload else {
                return JournalTicket(
                    seq: inner.lastEnqueuedSeq, byteMark: inner.totalBytes, poolSerial: inner.lastPoolSerial)
            }
            let seq = inner.lastEnqueuedSeq + 1
            let line = StoreRecordFormat.encodeLine(
                seq: seq, version: State.formatVersion, type: StoreRecordFormat.changesType, payload: payload)
            inner.lastEnqueuedSeq = seq
            if inner.pendingFirstSeq == nil { inner.pendingFirstSeq = seq }
            inner.pending.append(contentsOf: line)
            inner.totalBytes += line.count
            return JournalTicket(seq: seq, byteMark: inner.totalBytes, poolSerial: inner.lastPoolSerial)
        }
    }

    /// Returns once the ticket's record is fsynced; many waiters share one write + fsync (group commit).
    public func waitUntilDurable(_ ticket: JournalTicket) async throws {
        try await StoreGroupCommit.waitUntilDurable(
            decide: {
                try inner.withLock { inner in
                    if inner.durableSeq >= ticket.seq && inner.durablePoolSerial >= ticket.poolSerial { return .done }
                    if let failure = inner.failure { throw failure }
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
                    if !inner.flushing || inner.failure != nil
                        || (inner.durableSeq >= ticket.seq && inner.durablePoolSerial >= ticket.poolSerial)
                    {
                        return false
                    }
                    inner.waiters.append(continuation)
                    return true
                }
            })
    }

    /// Writes everything pending as one batch and fsyncs, then the pool files it carries; the caller set
    /// `flushing`. Wakes every waiter.
    private func flushOnce() async {
        let batch: StoreFlushBatch? = inner.withLock { inner in
            var journal: StoreFlushBatch.Journal?
            if let firstSeq = inner.pendingFirstSeq {
                let segmentFull = (inner.segments.last?.size ?? 0) >= options.segmentMaxBytes
                journal = StoreFlushBatch.Journal(
                    bytes: inner.pending, firstSeq: firstSeq, lastSeq: inner.lastEnqueuedSeq, active: inner.active,
                    rotate: inner.active == nil || inner.rotateRequested || segmentFull)
                inner.pending = []
                inner.pendingFirstSeq = nil
                inner.rotateRequested = false
            }
            guard journal != nil || !inner.pendingPools.isEmpty else { return nil }
            // Only the last write of each pool matters: every write replaces the whole file.
            var last: [String: SealedPoolWrite] = [:]
            for write in inner.pendingPools { last[write.pool] = write }
            let pools = last.keys.sorted().compactMap { pool -> SealedPoolWrite? in
                guard let write = last[pool] else { return nil }
                if case .remove = write, !inner.pools.contains(pool) { return nil }
                return write
            }
            inner.pendingPools = []
            return StoreFlushBatch(journal: journal, pools: pools, poolSerial: inner.lastPoolSerial)
        }
        var outcome: Result<StoreFileHandle?, StoreError> = .failure(.failed(reason: "nothing to flush"))
        if let batch {
            let fileSystem = self.fileSystem
            let directory = self.directory
            do {
                let handle = try await StoreBlockingIO.run(on: options.threadPool) { () throws -> StoreFileHandle? in
                    var handle: StoreFileHandle?
                    if let journal = batch.journal {
                        handle = journal.active
                        if journal.rotate {
                            if let old = handle { try fileSystem.close(old) }
                            let name = StoreSegment.name(firstSeq: journal.firstSeq)
                            handle = try fileSystem.openForWriting(
                                at: StoreLayout.path(directory, name), truncating: false)
                            // The new name must survive a power loss before any record in it is acknowledged.
                            try fileSystem.synchronizeDirectory(at: directory)
                        }
                        guard let handle else { throw StoreError.failed(reason: "no journal segment open") }
                        try fileSystem.write(journal.bytes, to: handle)
                        try fileSystem.synchronize(handle)
                    }
                    // After the journal: a pool file emptied by a batch must never reach the disk before the batch.
                    try Self.writePools(batch.pools, directory: directory, fileSystem: fileSystem)
                    return handle
                }
                outcome = .success(handle)
            } catch let error as StoreError {
                outcome = .failure(.failed(reason: error.description))
            } catch {
                outcome = .failure(.failed(reason: "\(error)"))
            }
        }
        let waiters = inner.withLock { inner in
            if let batch {
                switch outcome {
                case .success(let handle):
                    if let journal = batch.journal {
                        if journal.rotate {
                            inner.active = handle
                            let name = StoreSegment.name(firstSeq: journal.firstSeq)
                            if inner.segments.last?.name != name {
                                inner.segments.append(
                                    StoreSegment(name: name, firstSeq: journal.firstSeq, lastSeq: nil, size: 0))
                            }
                        }
                        if let last = inner.segments.indices.last {
                            inner.segments[last].lastSeq = journal.lastSeq
                            inner.segments[last].size += journal.bytes.count
                        }
                        inner.durableSeq = journal.lastSeq
                    }
                    for write in batch.pools {
                        switch write {
                        case .replace(let pool, _, _): inner.pools.insert(pool)
                        case .remove(let pool): inner.pools.remove(pool)
                        }
                    }
                    inner.durablePoolSerial = batch.poolSerial
                case .failure(let error):
                    if batch.journal?.rotate == true { inner.active = nil }
                    inner.failure = error
                }
            }
            inner.flushing = false
            let waiters = inner.waiters
            inner.waiters = []
            return waiters
        }
        if case .failure(let error) = outcome, batch != nil {
            logger.error("state journal write failed; the store accepts no more changes: \(error)")
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Replaces or removes pool files: each new content goes to a temp file, is fsynced and renamed over the
    /// old one, so a power loss leaves either the old file or the new one, whole; one folder fsync covers all.
    private static func writePools(
        _ writes: [SealedPoolWrite], directory: String, fileSystem: any StoreFileSystem
    ) throws {
        guard !writes.isEmpty else { return }
        for write in writes {
            let path = StoreLayout.path(directory, StoreSealedPool.fileName(write.pool))
            switch write {
            case .replace(let pool, let key, let plaintext):
                let sealed = try StoreSealedPool.seal(plaintext, pool: pool, key: key)
                let temporary = path + ".tmp"
                let handle = try fileSystem.openForWriting(at: temporary, truncating: true)
                do {
                    try fileSystem.write(sealed, to: handle)
                    try fileSystem.synchronize(handle)
                } catch {
                    try? fileSystem.close(handle)
                    throw error
                }
                try fileSystem.close(handle)
                try fileSystem.renameItem(at: temporary, to: path)
            case .remove:
                try fileSystem.removeItem(at: path)
            }
        }
        try fileSystem.synchronizeDirectory(at: directory)
    }

    /// True when the journal since the last snapshot passed the compaction thresholds, and has grown to
    /// `compactionGrowth` of the snapshot's size: a snapshot costs time in proportion to the state, so writing one
    /// every fixed number of records would make each change cost more as the state grows.
    public var needsCompaction: Bool {
        inner.withLock { inner in
            let bytesSince = inner.totalBytes - inner.snapshotByteMark
            let passedThreshold =
                inner.lastEnqueuedSeq - inner.snapshotSeq >= UInt64(options.compactionRecords)
                || bytesSince >= options.compactionBytes
            return passedThreshold && Double(bytesSince) >= options.compactionGrowth * Double(inner.snapshotBytes)
        }
    }

    /// The sequence number of the last record the snapshot on disk covers.
    public var snapshotSequence: UInt64 {
        inner.withLock { $0.snapshotSeq }
    }

    /// The sequence number of the oldest record still in a journal file, or nil when no journal file holds one.
    /// A compaction drops the segments its snapshot covers, except the one being written to, which goes at a later
    /// compaction; callers that compact to erase records (a closed anonymous poll) compact until this passes them.
    public var oldestJournaledSequence: UInt64? {
        inner.withLock { inner in inner.segments.first { $0.lastSeq != nil }?.firstSeq }
    }

    /// Writes `state` (which must reflect every record up to `ticket`) as the new snapshot atomically, then
    /// drops the journal segments it covers.
    public func compact(_ state: State, through ticket: JournalTicket) async throws {
        let fileSystem = self.fileSystem
        let directory = self.directory
        try inner.withLock { inner in
            if let failure = inner.failure { throw failure }
            if inner.closed { throw StoreError.closed(directory: directory) }
            if inner.compacting { throw StoreError.compactionInProgress(directory: directory) }
            inner.compacting = true
        }
        defer { inner.withLock { $0.compacting = false } }
        try await waitUntilDurable(ticket)
        guard ticket.seq > inner.withLock({ $0.snapshotSeq }) else { return }
        let snapshotBytes = try await StoreBlockingIO.run(on: options.threadPool) {
            let stateBytes = try StoreCoding.encode(state)
            let bytes = StoreRecordFormat.encodeSnapshot(
                formatVersion: State.formatVersion, seq: ticket.seq, state: stateBytes)
            try StoreSnapshotWriter.write(bytes, directory: directory, fileSystem: fileSystem)
            return bytes.count
        }
        let (covered, sealed): ([StoreSegment], StoreFileHandle?) = inner.withLock { inner in
            inner.snapshotSeq = ticket.seq
            inner.snapshotByteMark = ticket.byteMark
            inner.snapshotBytes = snapshotBytes
            // With no flush in flight the open segment can be sealed now (the next write starts a new one);
            // otherwise it is sealed at the next write and dropped by the next compaction.
            var sealed: StoreFileHandle?
            if !inner.flushing, let active = inner.active,
                let lastSeq = inner.segments.last?.lastSeq, lastSeq <= ticket.seq
            {
                sealed = active
                inner.active = nil
            } else {
                inner.rotateRequested = true
            }
            let activeName = inner.active == nil ? nil : inner.segments.last?.name
            let covered = inner.segments.filter { segment in
                segment.name != activeName && (segment.lastSeq.map { $0 <= ticket.seq } ?? false)
            }
            inner.segments.removeAll { segment in covered.contains { $0.name == segment.name } }
            return (covered, sealed)
        }
        try await StoreBlockingIO.run(on: options.threadPool) {
            if let sealed { try fileSystem.close(sealed) }
            for segment in covered {
                try fileSystem.removeItem(at: StoreLayout.path(directory, segment.name))
            }
        }
        logger.info(
            "state snapshot written at seq \(ticket.seq); dropped \(covered.count) journal segment(s)",
            metadata: ["convener.state.dir": "\(directory)"])
    }

    /// Flushes everything buffered, fsyncs, and releases the lock. Enqueues after this call throw.
    public func close() async throws {
        let (owned, last, lastPools) = inner.withLock { inner in
            defer { inner.closed = true }
            return (!inner.closed, inner.lastEnqueuedSeq, inner.lastPoolSerial)
        }
        var flushError: (any Error)?
        do {
            try await waitUntilDurable(JournalTicket(seq: last, byteMark: 0, poolSerial: lastPools))
        } catch {
            flushError = error
        }
        let release: (owned: Bool, active: StoreFileHandle?) = inner.withLock { inner in
            defer { inner.active = nil }
            return (owned, owned ? inner.active : nil)
        }
        let fileSystem = self.fileSystem
        let lockHandle = self.lockHandle
        if release.owned {
            try await StoreBlockingIO.run(on: options.threadPool) {
                if let active = release.active { try fileSystem.close(active) }
                try fileSystem.unlock(lockHandle)
            }
        }
        if let flushError { throw flushError }
    }
}

/// Records and pool writes taken from the buffer for one write + fsync.
private struct StoreFlushBatch: Sendable {
    /// Journal records taken from the buffer.
    struct Journal: Sendable {
        var bytes: [UInt8]
        var firstSeq: UInt64
        var lastSeq: UInt64
        var active: StoreFileHandle?
        var rotate: Bool
    }

    var journal: Journal?
    var pools: [SealedPoolWrite]
    var poolSerial: UInt64
}
