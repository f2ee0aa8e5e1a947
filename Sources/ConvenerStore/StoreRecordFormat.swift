/// The byte layout of journal lines and snapshot files.
///
/// A journal line is one JSON object with a fixed member order, so the exact payload bytes can be cut out
/// without re-encoding them:
///
///     {"seq":12,"v":1,"type":"changes","crc":3735928559,"payload":[...]}\n
///
/// The CRC-32 covers the ASCII text `"<seq>:<v>:<type>:"` followed by the exact payload bytes. A snapshot is
///
///     {"formatVersion":1,"seq":12,"crc":3735928559,"state":{...}}\n
///
/// with the CRC-32 over `"<formatVersion>:<seq>:"` followed by the exact state bytes.
enum StoreRecordFormat {
    /// The record type of a batch of changes (the only type so far).
    static let changesType = "changes"

    /// One journal line as read back, with the payload as a range of the file's bytes.
    struct Line: Sendable {
        var seq: UInt64
        var version: Int
        var type: String
        var payload: Range<Int>
    }

    /// The line for one record, ending in a newline.
    static func encodeLine(seq: UInt64, version: Int, type: String, payload: [UInt8]) -> [UInt8] {
        var crc = StoreCRC32()
        crc.update("\(seq):\(version):\(type):".utf8)
        crc.update(payload)
        var line: [UInt8] = []
        line.reserveCapacity(payload.count + 80)
        line.append(
            contentsOf: "{\"seq\":\(seq),\"v\":\(version),\"type\":\"\(type)\",\"crc\":\(crc.value),\"payload\":".utf8)
        line.append(contentsOf: payload)
        line.append(contentsOf: "}\n".utf8)
        return line
    }

    /// Parses the line `bytes[range]` (without its newline); throws a reason when it is torn or damaged.
    static func decodeLine(_ bytes: [UInt8], _ range: Range<Int>) throws(StoreFormatFailure) -> Line {
        var scanner = StoreByteScanner(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        try scanner.expect("{\"seq\":")
        let seq = try scanner.unsigned()
        try scanner.expect(",\"v\":")
        let version = try scanner.unsigned()
        try scanner.expect(",\"type\":\"")
        let type = try scanner.identifier()
        try scanner.expect("\",\"crc\":")
        let stored = try scanner.unsigned()
        try scanner.expect(",\"payload\":")
        guard range.upperBound - scanner.position >= 2, bytes[range.upperBound - 1] == UInt8(ascii: "}") else {
            throw StoreFormatFailure("record does not end with '}'")
        }
        let payload = scanner.position..<(range.upperBound - 1)
        var crc = StoreCRC32()
        crc.update("\(seq):\(version):\(type):".utf8)
        bytes.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[payload])) }
        guard UInt64(crc.value) == stored else {
            throw StoreFormatFailure("CRC mismatch (stored \(stored), computed \(crc.value))")
        }
        guard version <= UInt64(Int.max) else { throw StoreFormatFailure("format version out of range") }
        return Line(seq: seq, version: Int(version), type: type, payload: payload)
    }

    /// The snapshot file for a state already encoded as JSON.
    static func encodeSnapshot(formatVersion: Int, seq: UInt64, state: [UInt8]) -> [UInt8] {
        var crc = StoreCRC32()
        crc.update("\(formatVersion):\(seq):".utf8)
        crc.update(state)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(state.count + 80)
        bytes.append(
            contentsOf: "{\"formatVersion\":\(formatVersion),\"seq\":\(seq),\"crc\":\(crc.value),\"state\":".utf8)
        bytes.append(contentsOf: state)
        bytes.append(contentsOf: "}\n".utf8)
        return bytes
    }

    /// The format version a snapshot declares, read before anything else so a newer format is refused first.
    static func snapshotVersion(_ bytes: [UInt8]) throws(StoreFormatFailure) -> Int {
        var scanner = StoreByteScanner(bytes: bytes, position: 0, end: bytes.count)
        try scanner.expect("{\"formatVersion\":")
        return Int(clamping: try scanner.unsigned())
    }

    /// Parses a snapshot file: its version, sequence number and the range of the state bytes (CRC checked).
    static func decodeSnapshot(
        _ bytes: [UInt8]
    ) throws(StoreFormatFailure) -> (formatVersion: Int, seq: UInt64, state: Range<Int>) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        var scanner = StoreByteScanner(bytes: bytes, position: 0, end: end)
        try scanner.expect("{\"formatVersion\":")
        let version = Int(clamping: try scanner.unsigned())
        try scanner.expect(",\"seq\":")
        let seq = try scanner.unsigned()
        try scanner.expect(",\"crc\":")
        let stored = try scanner.unsigned()
        try scanner.expect(",\"state\":")
        guard end - scanner.position >= 2, bytes[end - 1] == UInt8(ascii: "}") else {
            throw StoreFormatFailure("the file does not end with '}' (truncated?)")
        }
        let state = scanner.position..<(end - 1)
        var crc = StoreCRC32()
        crc.update("\(version):\(seq):".utf8)
        bytes.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[state])) }
        guard UInt64(crc.value) == stored else {
            throw StoreFormatFailure("CRC mismatch (stored \(stored), computed \(crc.value))")
        }
        return (version, seq, state)
    }
}

/// Why a line or snapshot failed to parse.
struct StoreFormatFailure: Error, Sendable {
    /// A short human-readable reason.
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}

/// A cursor over bytes for the fixed record layout.
private struct StoreByteScanner {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    mutating func expect(_ literal: StaticString) throws(StoreFormatFailure) {
        let count = literal.utf8CodeUnitCount
        guard end - position >= count else {
            throw StoreFormatFailure("expected \(literal) at byte \(position) but the line ends")
        }
        let matches = literal.withUTF8Buffer { expected in
            for index in 0..<count where bytes[position + index] != expected[index] { return false }
            return true
        }
        guard matches else { throw StoreFormatFailure("expected \(literal) at byte \(position)") }
        position += count
    }

    mutating func unsigned() throws(StoreFormatFailure) -> UInt64 {
        let start = position
        var value: UInt64 = 0
        while position < end, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let digit = UInt64(bytes[position] - UInt8(ascii: "0"))
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw StoreFormatFailure("number too large at byte \(start)") }
            value = sum
            position += 1
        }
        guard position > start, position - start <= 20 else {
            throw StoreFormatFailure("expected a number at byte \(start)")
        }
        return value
    }

    mutating func identifier() throws(StoreFormatFailure) -> String {
        let start = position
        while position < end, bytes[position] != UInt8(ascii: "\""), position - start < 64 {
            let byte = bytes[position]
            let allowed =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            guard allowed else { throw StoreFormatFailure("invalid record type at byte \(start)") }
            position += 1
        }
        guard position > start else { throw StoreFormatFailure("empty record type at byte \(start)") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }
}
