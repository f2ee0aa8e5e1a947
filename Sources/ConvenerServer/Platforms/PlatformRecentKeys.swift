import Foundation

/// Keys seen within a time window, forgotten a whole time bucket at a time.
///
/// Each key is stored once and dropped once, with its bucket, so remembering costs O(1) amortised per request;
/// memory holds the keys of one window plus one bucket, however many requests arrive. A key is remembered for
/// at least `window` seconds and at most one bucket longer.
struct PlatformRecentKeys: Sendable {
    private var buckets: [(number: Int64, keys: [String])] = []
    private var seen: [String: Int64] = [:]
    private let window: TimeInterval
    private let bucketWidth: TimeInterval

    /// Keys remembered for `window` seconds, in `buckets` buckets per window.
    init(window: TimeInterval, buckets: Int = 10) {
        self.window = window
        self.bucketWidth = window / Double(max(buckets, 1))
    }

    /// How many keys are remembered.
    var count: Int { seen.count }

    /// Remembers `key` at `now`; false when it was already seen within the window.
    mutating func insert(_ key: String, now: Date) -> Bool {
        forget(before: now)
        if seen[key] != nil { return false }
        let number = bucketNumber(now)
        if let last = buckets.indices.last, buckets[last].number == number {
            buckets[last].keys.append(key)
        } else {
            buckets.append((number, [key]))
        }
        seen[key] = number
        return true
    }

    /// Drops the buckets that lie wholly before the window ending at `now`.
    private mutating func forget(before now: Date) {
        let oldest = bucketNumber(now.addingTimeInterval(-window))
        var dropped = 0
        while dropped < buckets.count, buckets[dropped].number < oldest {
            for key in buckets[dropped].keys { seen[key] = nil }
            dropped += 1
        }
        // At most one window's worth of buckets exists, so this moves a handful of elements.
        if dropped > 0 { buckets.removeFirst(dropped) }
    }

    private func bucketNumber(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / bucketWidth).rounded(.down))
    }
}
