import ConvenerCore
import Foundation

/// Reads a state folder: snapshot, then every journal segment, checking every CRC and sequence number.
///
/// Loading never changes a file; the caller decides whether to cut the torn tail it reports.
struct StoreRecovery<State: PersistentState> {
    /// The recovered state and where the journal stands.
    struct Result: Sendable {
        var state: State
        var snapshotFormatVersion: Int
        var snapshotSeq: UInt64
        var lastSeq: UInt64
        var segments: [StoreSegment]
        var tornTail: StoreTornTail?
        var recordsChecked: Int
        var recordsReplayed: Int
        var bytesSinceSnapshot: Int
        var migratedFromVersion: Int?
        var hasSnapshot: Bool
        /// The size of the snapshot file read (0 without one).
        var snapshotBytes = 0
        var otherFiles: [String]
    }

    let directory: String
    let fileSystem: any StoreFileSystem

    /// Loads the folder (a missing folder loads as the empty state).
    func load() throws -> Result {
        try StoreMigrator.validate(State.self)
        let names = try fileSystem.contentsOfDirectory(at: directory) ?? []
        var result = Result(
            state: State(), snapshotFormatVersion: State.formatVersion, snapshotSeq: 0, lastSeq: 0, segments: [],
            tornTail: nil, recordsChecked: 0, recordsReplayed: 0, bytesSinceSnapshot: 0, migratedFromVersion: nil,
            hasSnapshot: false, otherFiles: []
        )
        try loadSnapshot(into: &result)
        var segments: [StoreSegment] = []
        for name in names {
            if let firstSeq = StoreSegment.firstSeq(ofName: name) {
                segments.append(StoreSegment(name: name, firstSeq: firstSeq, lastSeq: nil, size: 0))
            } else if name != StoreLayout.snapshot && name != StoreLayout.lock {
                result.otherFiles.append(name)
            }
        }
        segments.sort { $0.firstSeq < $1.firstSeq }
        var lastSeen: UInt64?
        for index in segments.indices {
            try replay(&segments[index], isLast: index == segments.count - 1, lastSeen: &lastSeen, into: &result)
        }
        result.segments = segments
        result.lastSeq = max(result.snapshotSeq, lastSeen ?? 0)
        return result
    }

    private func loadSnapshot(into result: inout Result) throws {
        let path = StoreLayout.path(directory, StoreLayout.snapshot)
        guard let bytes = try fileSystem.readFile(at: path) else { return }
        let version: Int
        do {
            version = try StoreRecordFormat.snapshotVersion(bytes)
        } catch {
            throw StoreError.corruptSnapshot(file: path, reason: error.reason)
        }
        guard version <= State.formatVersion else {
            throw StoreError.newerFormat(file: path, offset: 0, found: version, supported: State.formatVersion)
        }
        guard version >= 1 else { throw StoreError.corruptSnapshot(file: path, reason: "format version \(version)") }
        let parsed: (formatVersion: Int, seq: UInt64, state: Range<Int>)
        do {
            parsed = try StoreRecordFormat.decodeSnapshot(bytes)
        } catch {
            throw StoreError.corruptSnapshot(file: path, reason: error.reason)
        }
        let data = Data(bytes[parsed.state])
        do {
            if version == State.formatVersion {
                result.state = try JSONDecoder().decode(State.self, from: data)
            } else {
                let old = try JSONDecoder().decode(JSONValue.self, from: data)
                let migrated = try StoreMigrator.migrateState(old, from: version, as: State.self)
                result.state = try JSONDecoder().decode(State.self, from: Data(try StoreCoding.encode(migrated)))
                result.migratedFromVersion = version
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corruptSnapshot(file: path, reason: "the state does not decode: \(error)")
        }
        result.snapshotFormatVersion = version
        result.snapshotSeq = parsed.seq
        result.hasSnapshot = true
        result.snapshotBytes = bytes.count
    }

    /// Checks and applies one segment's records; `lastSeen` carries the sequence across segments.
    private func replay(
        _ segment: inout StoreSegment, isLast: Bool, lastSeen: inout UInt64?, into result: inout Result
    ) throws {
        let path = StoreLayout.path(directory, segment.name)
        let bytes = try fileSystem.readFile(at: path) ?? []
        segment.size = bytes.count
        var batch = StoreReplayBatch<State>(path: path, bytes: bytes)
        var position = 0
        while position < bytes.count {
            let newline = bytes[position...].firstIndex(of: UInt8(ascii: "\n"))
            let lineEnd = newline ?? bytes.count
            let line: StoreRecordFormat.Line
            do throws(StoreFormatFailure) {
                line = try StoreRecordFormat.decodeLine(bytes, position..<lineEnd)
                if newline == nil { throw StoreFormatFailure("the last line has no newline (write cut short)") }
            } catch {
                try batch.flush(into: &result)
                try handleDamage(at: position, reason: error.reason, bytes: bytes, path: path, isLast: isLast)
                result.tornTail = StoreTornTail(
                    file: path, offset: position, droppedBytes: bytes.count - position, reason: error.reason)
                segment.size = position
                return
            }
            guard line.version <= State.formatVersion else {
                throw StoreError.newerFormat(
                    file: path, offset: position, found: line.version, supported: State.formatVersion)
            }
            guard line.version >= 1, line.type == StoreRecordFormat.changesType else {
                throw StoreError.undecodableRecord(
                    file: path, offset: position, reason: "unknown record type \(line.type) v\(line.version)")
            }
            // Inside a segment records are contiguous; between segments a gap is fine only below the snapshot
            // (compaction's unlinks may persist in any order), which the check before applying enforces.
            let expected = segment.lastSeq.map { $0 + 1 } ?? segment.firstSeq
            if line.seq != expected {
                throw StoreError.sequenceGap(file: path, offset: position, expected: expected, found: line.seq)
            }
            if let lastSeen, line.seq <= lastSeen {
                throw StoreError.sequenceGap(file: path, offset: position, expected: lastSeen + 1, found: line.seq)
            }
            if line.seq > result.snapshotSeq {
                let applied = max(result.snapshotSeq, lastSeen ?? 0)
                guard line.seq == applied + 1 else {
                    throw StoreError.sequenceGap(file: path, offset: position, expected: applied + 1, found: line.seq)
                }
                try batch.add(line, offset: position, into: &result)
                result.recordsReplayed += 1
                result.bytesSinceSnapshot += lineEnd + 1 - position
            }
            result.recordsChecked += 1
            lastSeen = line.seq
            segment.lastSeq = line.seq
            position = lineEnd + 1
        }
        try batch.flush(into: &result)
    }

    /// Throws unless the damage at `offset` is a torn tail: in the last segment with no valid record after it.
    private func handleDamage(at offset: Int, reason: String, bytes: [UInt8], path: String, isLast: Bool) throws {
        guard isLast else {
            throw StoreError.corruptRecord(
                file: path, offset: offset, reason: "\(reason); this is not the last journal segment")
        }
        // A crash tears only the end of the last write, so a valid record anywhere after the damage means the
        // damage is in the middle (for example a flipped newline that merged two lines).
        let marker = Array("{\"seq\":".utf8)
        var position = offset + 1
        while position + marker.count <= bytes.count {
            if bytes[position] == marker[0], bytes[position..<(position + marker.count)].elementsEqual(marker) {
                let lineEnd = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                if (try? StoreRecordFormat.decodeLine(bytes, position..<lineEnd)) != nil {
                    throw StoreError.corruptRecord(
                        file: path, offset: offset, reason: "\(reason); a valid record follows at byte \(position)")
                }
            }
            position += 1
        }
    }
}

/// Decodes runs of current-version records with one JSONDecoder call (much cheaper than one call per record).
private struct StoreReplayBatch<State: PersistentState> {
    let path: String
    let bytes: [UInt8]
    private var pending: [(line: StoreRecordFormat.Line, offset: Int)] = []

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    mutating func add(_ line: StoreRecordFormat.Line, offset: Int, into result: inout StoreRecovery<State>.Result)
        throws
    {
        if line.version == State.formatVersion {
            pending.append((line, offset))
            if pending.count >= 4096 { try flush(into: &result) }
            return
        }
        try flush(into: &result)
        let changes: [State.Change]
        do {
            let old = try JSONDecoder().decode([JSONValue].self, from: Data(bytes[line.payload]))
            let migrated = try old.map { try StoreMigrator.migrateChange($0, from: line.version, as: State.self) }
            changes = try JSONDecoder().decode([State.Change].self, from: Data(try StoreCoding.encode(migrated)))
        } catch {
            throw StoreError.undecodableRecord(file: path, offset: offset, reason: "\(error)")
        }
        result.migratedFromVersion = min(result.migratedFromVersion ?? line.version, line.version)
        for change in changes { result.state.apply(change) }
    }

    mutating func flush(into result: inout StoreRecovery<State>.Result) throws {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        var joined: [UInt8] = [UInt8(ascii: "[")]
        joined.reserveCapacity(pending.reduce(2) { $0 + $1.line.payload.count + 1 })
        for (index, entry) in pending.enumerated() {
            if index > 0 { joined.append(UInt8(ascii: ",")) }
            joined.append(contentsOf: bytes[entry.line.payload])
        }
        joined.append(UInt8(ascii: "]"))
        let decoder = JSONDecoder()
        if let batches = try? decoder.decode([[State.Change]].self, from: Data(joined)) {
            for changes in batches {
                for change in changes { result.state.apply(change) }
            }
            return
        }
        // Find the offending record for a precise message.
        for entry in pending {
            do {
                _ = try decoder.decode([State.Change].self, from: Data(bytes[entry.line.payload]))
            } catch {
                throw StoreError.undecodableRecord(file: path, offset: entry.offset, reason: "\(error)")
            }
        }
        throw StoreError.undecodableRecord(file: path, offset: pending[0].offset, reason: "batch does not decode")
    }
}
