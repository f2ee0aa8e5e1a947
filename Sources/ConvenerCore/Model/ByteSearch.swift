extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes, found by a plain byte search: on the request path the generic
    /// `firstRange(of:)` cost more than the work the search saves (`--community` in a command, `false` in a reply).
    public func containsBytes(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard count >= needle.count else { return false }
        for start in 0...(count - needle.count) where self[start] == first {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
