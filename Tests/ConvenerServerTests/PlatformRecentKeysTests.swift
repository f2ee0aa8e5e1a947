import Foundation
import Testing

@testable import ConvenerServer

@Suite("Replay and retry memory")
struct PlatformRecentKeysTests {
    private let start = Date(timeIntervalSince1970: 1_000_000)

    @Test("A key is refused within the window and accepted again once its bucket has passed")
    func window() {
        var keys = PlatformRecentKeys(window: 600)
        let first = keys.insert(PlatformKeyDigest("a"), now: start)
        let within = keys.insert(PlatformKeyDigest("a"), now: start.addingTimeInterval(599))
        let after = keys.insert(PlatformKeyDigest("a"), now: start.addingTimeInterval(660))
        #expect(first && !within && after)
    }

    @Test("Memory holds one window of keys, however many arrive over time")
    func bounded() {
        var keys = PlatformRecentKeys(window: 600, buckets: 10)
        for second in 0..<6_000 {
            let inserted = keys.insert(PlatformKeyDigest("k\(second)"), now: start.addingTimeInterval(Double(second)))
            #expect(inserted)
            // One key a second: at most a window plus one bucket of them (600 + 60) are remembered.
            #expect(keys.count <= 660)
        }
        #expect(keys.count >= 600)
    }

    @Test("Eviction drops whole buckets: keys of an old bucket go together, newer ones stay")
    func buckets() {
        var keys = PlatformRecentKeys(window: 100, buckets: 10)
        for second in [0, 5, 9] {
            _ = keys.insert(PlatformKeyDigest("old\(second)"), now: start.addingTimeInterval(Double(second)))
        }
        _ = keys.insert(PlatformKeyDigest("new"), now: start.addingTimeInterval(15))
        #expect(keys.count == 4)
        _ = keys.insert(PlatformKeyDigest("late"), now: start.addingTimeInterval(111))
        #expect(keys.count == 2)
        let newAgain = keys.insert(PlatformKeyDigest("new"), now: start.addingTimeInterval(111))
        let oldAgain = keys.insert(PlatformKeyDigest("old5"), now: start.addingTimeInterval(111))
        #expect(!newAgain && oldAgain)
    }
}

@Suite("Replay and retry memory: digests")
struct PlatformKeyDigestTests {
    @Test("Many distinct keys, some differing in one character, are all new once and replays of each are refused")
    func distinct() {
        var keys = PlatformRecentKeys(window: 600)
        let now = Date(timeIntervalSince1970: 2_000_000)
        let texts =
            (0..<50_000).map { "slack:v0=\(String($0, radix: 16))" } + ["slack:v0=a", "slack:v0=A", "slack:v0=a "]
        let accepted = texts.filter { keys.insert(PlatformKeyDigest($0), now: now) }
        let replayed = texts.filter { keys.insert(PlatformKeyDigest($0), now: now.addingTimeInterval(30)) }
        #expect(accepted.count == texts.count - 1)  // "slack:v0=a" is also 10 in hex
        #expect(replayed.isEmpty)
        #expect(keys.count == texts.count - 1)
    }
}
