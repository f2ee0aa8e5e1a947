/// One journal segment file as found on disk or created by the store.
struct StoreSegment: Sendable, Equatable {
    /// The file name, `journal-<first seq, 20 digits>.jsonl`.
    var name: String
    /// The sequence number its first record has (or will have).
    var firstSeq: UInt64
    /// The last record it holds, nil while empty.
    var lastSeq: UInt64?
    /// Its size in bytes.
    var size: Int

    static let prefix = "journal-"
    static let suffix = ".jsonl"

    /// The file name for a segment starting at `firstSeq`.
    static func name(firstSeq: UInt64) -> String {
        let digits = String(firstSeq)
        return prefix + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + suffix
    }

    /// The first sequence number encoded in a segment file name, or nil for other files.
    static func firstSeq(ofName name: String) -> UInt64? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.count == 20, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(digits)
    }
}
