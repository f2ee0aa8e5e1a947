import Synchronization

/// Where the core's randomness comes from: the system's generator in the daemon, a seeded one in tests.
///
/// Randomness is injected like the clock, so the reducer stays deterministic under test while anonymity keys,
/// pairing seeds and shuffles are unpredictable in production.
public struct CommunityRandomness: Sendable {
    private let source: @Sendable () -> UInt64

    /// Randomness from `next`, called once per 64 bits.
    public init(_ next: @escaping @Sendable () -> UInt64) {
        source = next
    }

    /// The operating system's cryptographically secure generator.
    public static var system: CommunityRandomness {
        CommunityRandomness {
            var generator = SystemRandomNumberGenerator()
            return generator.next()
        }
    }

    /// A reproducible sequence (SplitMix64) for tests and benchmarks; never for keys in production.
    public static func seeded(_ seed: UInt64) -> CommunityRandomness {
        let generator = Mutex(MatchingSplitMix64(seed: seed))
        return CommunityRandomness { generator.withLock { $0.next() } }
    }

    /// The next 64 random bits.
    public func next() -> UInt64 { source() }

    /// `count` random bytes.
    public func bytes(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: source().littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }

    /// A generator for the standard library's `shuffled(using:)` and `randomElement(using:)`.
    public var generator: CommunityRandomGenerator { CommunityRandomGenerator(randomness: self) }
}

/// A `RandomNumberGenerator` view of `CommunityRandomness`.
public struct CommunityRandomGenerator: RandomNumberGenerator {
    let randomness: CommunityRandomness

    /// The next 64 random bits.
    public mutating func next() -> UInt64 { randomness.next() }
}
