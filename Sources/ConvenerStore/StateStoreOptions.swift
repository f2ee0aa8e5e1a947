import NIOPosix

/// Tuning of a state store: segment size, compaction thresholds and where blocking I/O runs.
public struct StateStoreOptions: Sendable {
    /// A new journal segment is started once the current one reaches this many bytes.
    public var segmentMaxBytes: Int
    /// `needsCompaction` turns true once the journal since the snapshot holds this many bytes...
    public var compactionBytes: Int
    /// ...or this many records.
    public var compactionRecords: Int
    /// Threads that run blocking write, fsync and rename calls (off Swift's cooperative pool).
    public var threadPool: NIOThreadPool

    /// Defaults: 8 MiB segments, compaction after 16 MiB or 50,000 records (which bounds the replay at start-up
    /// to a fraction of a second), NIO's shared thread pool.
    public init(
        segmentMaxBytes: Int = 8 << 20,
        compactionBytes: Int = 16 << 20,
        compactionRecords: Int = 50_000,
        threadPool: NIOThreadPool = .singleton
    ) {
        self.segmentMaxBytes = segmentMaxBytes
        self.compactionBytes = compactionBytes
        self.compactionRecords = compactionRecords
        self.threadPool = threadPool
    }
}
