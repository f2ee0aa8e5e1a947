/// A damaged end of the last journal segment: what a crash mid-write leaves behind.
public struct StoreTornTail: Sendable, Equatable, CustomStringConvertible {
    /// The segment file.
    public var file: String
    /// Where the first damaged line starts; the file is cut here.
    public var offset: Int
    /// How many bytes follow `offset` (dropped by recovery).
    public var droppedBytes: Int
    /// Why the first damaged line was rejected.
    public var reason: String

    /// One line for logs and reports.
    public var description: String {
        "torn tail in \(file) at byte \(offset): \(droppedBytes) bytes (\(reason))"
    }
}

/// What opening a state folder found and did.
public struct RecoveryReport: Sendable, Equatable, CustomStringConvertible {
    /// The sequence number the snapshot covers (0 without a snapshot).
    public var snapshotSeq: UInt64
    /// The last record recovered; the next change gets `lastSeq + 1`.
    public var lastSeq: UInt64
    /// Records replayed on top of the snapshot.
    public var recordsReplayed: Int
    /// Journal segments found.
    public var segmentCount: Int
    /// The torn tail that was cut off, if any.
    public var truncatedTail: StoreTornTail?
    /// The oldest format version that was migrated while loading, if any.
    public var migratedFromVersion: Int?
    /// True when the folder was new (no snapshot, no journal).
    public var createdNew: Bool

    /// One line for logs.
    public var description: String {
        var text =
            "recovered state at seq \(lastSeq) (snapshot \(snapshotSeq), \(recordsReplayed) records replayed "
            + "from \(segmentCount) segment(s))"
        if createdNew { text += "; new state folder" }
        if let migratedFromVersion { text += "; migrated from format \(migratedFromVersion)" }
        if let truncatedTail { text += "; cut \(truncatedTail)" }
        return text
    }
}

/// What `StateStoreTools.verify` found (read-only: a torn tail is reported, not cut).
public struct VerifyReport: Sendable, Equatable, CustomStringConvertible {
    /// The format version of the snapshot (or the current one without a snapshot).
    public var snapshotFormatVersion: Int
    /// The sequence number the snapshot covers.
    public var snapshotSeq: UInt64
    /// The last valid record.
    public var lastSeq: UInt64
    /// Every record whose CRC was checked, including those the snapshot covers.
    public var recordsChecked: Int
    /// Records replayed on top of the snapshot.
    public var recordsReplayed: Int
    /// The segment files, oldest first.
    public var segments: [String]
    /// A torn tail that the next start-up will cut.
    public var tornTail: StoreTornTail?

    /// A short multi-line summary for the CLI.
    public var description: String {
        var lines = [
            "state OK: snapshot format \(snapshotFormatVersion) at seq \(snapshotSeq), journal up to seq \(lastSeq)",
            "\(recordsChecked) record CRCs checked in \(segments.count) segment(s), \(recordsReplayed) replayed",
        ]
        if let tornTail { lines.append("warning: \(tornTail); the next start-up cuts it") }
        return lines.joined(separator: "\n")
    }
}
