import Crypto
import Foundation

/// Keys seen within a time window, forgotten a whole time bucket at a time.
///
/// Each bucket is one set of 128-bit key digests: remembering a key is one insertion, looking it up a probe of each
/// bucket's set (a window has 10 or 11), and forgetting a bucket drops its set at once, so a request costs O(1)
/// whatever the rate. Memory holds the keys of one window plus one bucket, however many requests arrive, at about
/// 28 bytes a key (measured): a digest instead of the key's text, and no second index to remove keys from one by
/// one. At 10,000 requests a second the signatures and input ids of a 10-minute window are 12 million keys, which
/// took over 2 GB as strings. A key is remembered for at least `window` seconds and at most one bucket longer.
struct PlatformRecentKeys: Sendable {
    private var buckets: [(number: Int64, digests: Set<PlatformKeyDigest>)] = []
    private let window: TimeInterval
    private let bucketWidth: TimeInterval

    /// Keys remembered for `window` seconds, in `buckets` buckets per window.
    init(window: TimeInterval, buckets: Int = 10) {
        self.window = window
        self.bucketWidth = window / Double(max(buckets, 1))
    }

    /// How many keys are remembered.
    var count: Int { buckets.reduce(0) { $0 + $1.digests.count } }

    /// Remembers a key by its digest (computed before any lock is taken) at `now`; false when it was already seen
    /// within the window.
    mutating func insert(_ digest: PlatformKeyDigest, now: Date) -> Bool {
        forget(before: now)
        for index in buckets.indices where buckets[index].digests.contains(digest) { return false }
        let number = bucketNumber(now)
        if let last = buckets.indices.last, buckets[last].number == number {
            buckets[last].digests.insert(digest)
        } else {
            buckets.append((number, [digest]))
        }
        return true
    }

    /// Drops the buckets that lie wholly before the window ending at `now`.
    private mutating func forget(before now: Date) {
        let oldest = bucketNumber(now.addingTimeInterval(-window))
        let dropped = buckets.prefix { $0.number < oldest }.count
        // At most one window's worth of buckets exists, so this moves a handful of elements.
        if dropped > 0 { buckets.removeFirst(dropped) }
    }

    private func bucketNumber(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / bucketWidth).rounded(.down))
    }
}

/// The first 128 bits of a key's SHA-256: two keys that differ collide with probability 2⁻¹²⁸, and nobody can
/// make a replayed request look new, or a new one look replayed, by choosing its text.
struct PlatformKeyDigest: Hashable, Sendable {
    private let high: UInt64
    private let low: UInt64

    /// The digest of `key`.
    init(_ key: String) {
        var text = key
        let digest = text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        (high, low) = digest.withUnsafeBytes { bytes in
            (
                bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            )
        }
    }
}
