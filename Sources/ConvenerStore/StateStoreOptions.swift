import NIOPosix

/// Tuning of a state store: segment size, compaction thresholds and where blocking I/O runs.
public struct StateStoreOptions: Sendable {
    /// A new journal segment is started once the current one reaches this many bytes.
    public var segmentMaxBytes: Int
    /// `needsCompaction` turns true once the journal since the snapshot holds this many bytes...
    public var compactionBytes: Int
    /// ...or this many records, and in either case at least this share of the last snapshot's size (so the cost
    /// of snapshots per change stays the same however large the state grows).
    public var compactionRecords: Int
    /// The share of the last snapshot's size the journal must reach before the next compaction.
    public var compactionGrowth: Double
    /// Threads that run blocking write, fsync and rename calls (off Swift's cooperative pool).
    public var threadPool: NIOThreadPool

    /// Defaults: 8 MiB segments, compaction after 16 MiB or 50,000 records (which bounds the replay at start-up
    /// to a fraction of a second) once the journal is half the snapshot's size (a replay as long as half the
    /// snapshot's load), NIO's shared thread pool.
    public init(
        segmentMaxBytes: Int = 8 << 20,
        compactionBytes: Int = 16 << 20,
        compactionRecords: Int = 50_000,
        compactionGrowth: Double = 0.5,
        threadPool: NIOThreadPool = .singleton
    ) {
        self.segmentMaxBytes = segmentMaxBytes
        self.compactionBytes = compactionBytes
        self.compactionRecords = compactionRecords
        self.compactionGrowth = compactionGrowth
        self.threadPool = threadPool
    }
}
