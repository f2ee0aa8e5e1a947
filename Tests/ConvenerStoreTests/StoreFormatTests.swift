import ConvenerCore
import Foundation
import Testing

@testable import ConvenerStore

@Suite("Record format and CRC")
struct StoreFormatTests {
    @Test("CRC-32 matches the standard check values")
    func crcCheckValues() {
        #expect(StoreCRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(StoreCRC32.checksum([UInt8]()) == 0)
        #expect(StoreCRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        var incremental = StoreCRC32()
        incremental.update(Array("12345".utf8))
        incremental.update(Array("6789".utf8))
        #expect(incremental.value == 0xCBF4_3926)
    }

    @Test("a record line round-trips and is valid JSON")
    func lineRoundTrip() throws {
        let payload = try StoreCoding.encode(StoreTestSupport.sampleChanges)
        let line = StoreRecordFormat.encodeLine(seq: 42, version: 1, type: "changes", payload: payload)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        let decoded = try StoreRecordFormat.decodeLine(line, 0..<(line.count - 1))
        #expect(decoded.seq == 42)
        #expect(decoded.version == 1)
        #expect(decoded.type == "changes")
        #expect(Array(line[decoded.payload]) == payload)
        let json = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        #expect(json?["seq"] as? Int == 42)
        #expect(json?["payload"] is [Any])
        let changes = try JSONDecoder().decode([StoreTestState.Change].self, from: Data(line[decoded.payload]))
        #expect(changes == StoreTestSupport.sampleChanges)
    }

    @Test("the CRC covers the sequence number, the type and the payload")
    func crcCoversFields() throws {
        let line = StoreRecordFormat.encodeLine(seq: 7, version: 1, type: "changes", payload: Array("[1,2]".utf8))
        let text = String(decoding: line.dropLast(), as: UTF8.self)
        let tampered = [
            text.replacingOccurrences(of: "\"seq\":7", with: "\"seq\":8"),
            text.replacingOccurrences(of: "\"v\":1", with: "\"v\":2"),
            text.replacingOccurrences(of: "\"changes\"", with: "\"changez\""),
            text.replacingOccurrences(of: "[1,2]", with: "[1,3]"),
            text.replacingOccurrences(of: "[1,2]", with: "[1, 2]"),
        ]
        for variant in tampered {
            let bytes = Array(variant.utf8)
            #expect(throws: StoreFormatFailure.self) { try StoreRecordFormat.decodeLine(bytes, 0..<bytes.count) }
        }
    }

    @Test("a snapshot round-trips with its CRC")
    func snapshotRoundTrip() throws {
        let state = try StoreCoding.encode(StoreTestSupport.replay(StoreTestSupport.sampleChanges))
        let bytes = StoreRecordFormat.encodeSnapshot(formatVersion: 1, seq: 9, state: state)
        let decoded = try StoreRecordFormat.decodeSnapshot(bytes)
        #expect(decoded.formatVersion == 1)
        #expect(decoded.seq == 9)
        #expect(Array(bytes[decoded.state]) == state)
        var damaged = bytes
        damaged[damaged.count / 2] ^= 0x01
        #expect(throws: StoreFormatFailure.self) { try StoreRecordFormat.decodeSnapshot(damaged) }
    }

    @Test("JSONValue keeps integers exact and round-trips every kind")
    func jsonValueRoundTrip() throws {
        let value: JSONValue = .object([
            "int": .int(9_007_199_254_740_993), "double": .number(2.5), "text": .string("a\"b"),
            "flag": .bool(true), "none": .null, "list": .array([.int(1), .string("x")]),
        ])
        let data = try StoreCoding.encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(data)) == value)
    }

    @Test("segment names sort by sequence number and parse back")
    func segmentNames() {
        let name = StoreSegment.name(firstSeq: 123)
        #expect(name == "journal-00000000000000000123.jsonl")
        #expect(StoreSegment.firstSeq(ofName: name) == 123)
        #expect(StoreSegment.firstSeq(ofName: "journal-12.jsonl") == nil)
        #expect(StoreSegment.firstSeq(ofName: "snapshot.json") == nil)
    }
}
