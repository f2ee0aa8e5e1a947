import Foundation
import Testing

@testable import ConvenerStore

@Suite("Recovery: torn tails, damage, newer formats")
struct StoreRecoveryTests {
    /// A folder with one segment of three records, and that segment's bytes and line starts.
    private func threeRecordJournal() async throws -> (directory: String, segment: String, bytes: [UInt8]) {
        let directory = try StoreTestSupport.temporaryDirectory()
        try await StoreTestSupport.writeJournal(directory, changes: Array(StoreTestSupport.sampleChanges.prefix(3)))
        let segment = try #require(try StoreTestSupport.segments(in: directory).first)
        let bytes = try #require(try StoreTestSupport.files(in: directory)[segment])
        return (directory, directory + "/" + segment, bytes)
    }

    @Test("every torn-tail position is cut back to the last whole record and reported")
    func everyTornTailPosition() async throws {
        let (directory, segment, bytes) = try await threeRecordJournal()
        defer { StoreTestSupport.remove(directory) }
        let lineEnds = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        #expect(lineEnds.count == 3)
        for cut in 0..<bytes.count {
            try Data(bytes[0..<cut]).write(to: URL(fileURLWithPath: segment))
            let whole = lineEnds.filter { $0 <= cut }
            let boundary = whole.last ?? 0
            let verified = try StateStoreTools.verify(directory: directory, as: StoreTestState.self)
            #expect(verified.recordsReplayed == whole.count, "cut at \(cut)")
            #expect((verified.tornTail != nil) == (cut != boundary), "cut at \(cut)")

            let (store, state, report) = try await StateStore<StoreTestState>.open(
                directory: directory, logger: StoreTestSupport.logger)
            #expect(state == StoreTestSupport.replay(Array(StoreTestSupport.sampleChanges.prefix(whole.count))))
            #expect(report.lastSeq == UInt64(whole.count))
            if cut != boundary {
                #expect(report.truncatedTail?.offset == boundary, "cut at \(cut)")
                #expect(report.truncatedTail?.droppedBytes == cut - boundary, "cut at \(cut)")
            } else {
                #expect(report.truncatedTail == nil, "cut at \(cut)")
            }
            // The store keeps working after the cut: the next record continues the sequence.
            let ticket = try store.enqueue([.join(member: "zed", name: "Zed")])
            #expect(ticket.seq == UInt64(whole.count + 1))
            try await store.waitUntilDurable(ticket)
            try await store.close()
            let reopened = try StateStoreTools.verify(directory: directory, as: StoreTestState.self)
            #expect(reopened.lastSeq == UInt64(whole.count + 1))
            #expect(reopened.tornTail == nil)
            // Reset the folder to the single original segment for the next position.
            for name in try StoreTestSupport.segments(in: directory) {
                try FileManager.default.removeItem(atPath: directory + "/" + name)
            }
        }
    }

    @Test("a flipped byte in the last record is a torn tail; anywhere else start-up stops and changes nothing")
    func everyFlippedByte() async throws {
        let (directory, segment, bytes) = try await threeRecordJournal()
        defer { StoreTestSupport.remove(directory) }
        let lastLineStart = (bytes.dropLast().lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        for position in bytes.indices {
            var damaged = bytes
            damaged[position] ^= 0x01
            try Data(damaged).write(to: URL(fileURLWithPath: segment))
            if position >= lastLineStart {
                let verified = try StateStoreTools.verify(directory: directory, as: StoreTestState.self)
                #expect(verified.tornTail?.offset == lastLineStart, "flip at \(position)")
                #expect(verified.recordsReplayed == 2, "flip at \(position)")
            } else {
                let before = try StoreTestSupport.files(in: directory)
                await #expect(throws: StoreError.self, "flip at \(position)") {
                    _ = try await StateStore<StoreTestState>.open(directory: directory, logger: StoreTestSupport.logger)
                }
                #expect(try StoreTestSupport.files(in: directory) == before, "flip at \(position)")
                do {
                    _ = try StateStoreTools.verify(directory: directory, as: StoreTestState.self)
                    Issue.record("verify accepted a flip at \(position)")
                } catch let error as StoreError {
                    guard case .corruptRecord(let file, let offset, _) = error else {
                        Issue.record("unexpected \(error)")
                        continue
                    }
                    #expect(file == segment)
                    #expect(offset < lastLineStart)
                    #expect(error.description.contains("truncate -s \(offset)"))
                }
            }
        }
    }

    @Test("damage in a segment that is not the last is fatal even at its end")
    func damageInEarlierSegment() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        try await StoreTestSupport.writeJournal(
            directory, changes: StoreTestSupport.sampleChanges, options: StoreTestSupport.smallOptions())
        let segments = try StoreTestSupport.segments(in: directory)
        #expect(segments.count >= 2)
        let first = directory + "/" + segments[0]
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: first)))
        bytes.removeLast(3)
        try Data(bytes).write(to: URL(fileURLWithPath: first))
        #expect {
            _ = try StateStoreTools.verify(directory: directory, as: StoreTestState.self)
        } throws: { error in
            guard case .corruptRecord(let file, _, let reason)? = error as? StoreError else { return false }
            return file == first && reason.contains("not the last journal segment")
        }
    }

    @Test("a missing middle segment is a sequence gap")
    func missingSegment() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let options = StateStoreOptions(segmentMaxBytes: 1)
        try await StoreTestSupport.writeJournal(directory, changes: StoreTestSupport.sampleChanges, options: options)
        let segments = try StoreTestSupport.segments(in: directory)
        #expect(segments.count == StoreTestSupport.sampleChanges.count)
        try FileManager.default.removeItem(atPath: directory + "/" + segments[2])
        let before = try StoreTestSupport.files(in: directory)
        await #expect {
            _ = try await StateStore<StoreTestState>.open(directory: directory, logger: StoreTestSupport.logger)
        } throws: { error in
            guard case .sequenceGap(_, _, let expected, let found)? = error as? StoreError else { return false }
            return expected == 3 && found == 4
        }
        #expect(try StoreTestSupport.files(in: directory) == before)
    }

    @Test("a snapshot or record of a newer format is refused and left untouched")
    func newerFormatRefused() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let snapshot = StoreRecordFormat.encodeSnapshot(formatVersion: 2, seq: 0, state: Array("{}".utf8))
        try Data(snapshot).write(to: URL(fileURLWithPath: directory + "/snapshot.json"))
        await #expect {
            _ = try await StateStore<StoreTestState>.open(directory: directory, logger: StoreTestSupport.logger)
        } throws: { error in
            guard case .newerFormat(_, _, let found, let supported)? = error as? StoreError else { return false }
            return found == 2 && supported == 1 && "\(error)".contains("newer convener")
        }
        #expect(try StoreTestSupport.files(in: directory)["snapshot.json"] == snapshot)

        try FileManager.default.removeItem(atPath: directory + "/snapshot.json")
        let line = StoreRecordFormat.encodeLine(seq: 1, version: 3, type: "changes", payload: Array("[]".utf8))
        let segment = directory + "/" + StoreSegment.name(firstSeq: 1)
        try Data(line).write(to: URL(fileURLWithPath: segment))
        await #expect {
            _ = try await StateStore<StoreTestState>.open(directory: directory, logger: StoreTestSupport.logger)
        } throws: { error in
            guard case .newerFormat(let file, let offset, 3, 1)? = error as? StoreError else { return false }
            return file == segment && offset == 0
        }
        #expect(try StoreTestSupport.files(in: directory)[StoreSegment.name(firstSeq: 1)] == line)
    }

    @Test("a damaged snapshot stops start-up")
    func damagedSnapshot() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { StoreTestSupport.remove(directory) }
        let state = try StoreCoding.encode(StoreTestSupport.replay(StoreTestSupport.sampleChanges))
        var snapshot = StoreRecordFormat.encodeSnapshot(formatVersion: 1, seq: 6, state: state)
        snapshot[40] ^= 0x04
        try Data(snapshot).write(to: URL(fileURLWithPath: directory + "/snapshot.json"))
        #expect(throws: StoreError.self) {
            _ = try StateStoreTools.verify(directory: directory, as: StoreTestState.self)
        }
    }
}
