import Foundation

@testable import ConvenerCore

/// Deterministic helpers shared by the engagement tests.
enum EngagementTestSupport {
    /// 2026-01-01T00:00:00Z.
    static let epoch = Date(timeIntervalSince1970: 1_767_225_600)
    /// One day in seconds.
    static let day: TimeInterval = 86_400

    /// `days` days (fractions allowed) after `epoch`.
    static func at(day days: Double) -> Date {
        epoch.addingTimeInterval(days * day)
    }

    /// A playground member id.
    static func member(_ name: String) -> MemberID {
        MemberID(platform: "playground", user: name)
    }

    /// An instant from a wall-clock time in a named zone.
    static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, zone: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        return calendar.date(from: parts) ?? epoch
    }

    /// A time zone that must exist on the test machine.
    static func zone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }
}

/// SplitMix64: a tiny seeded generator so simulations are reproducible.
struct EngagementSeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// A generator that starts from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
