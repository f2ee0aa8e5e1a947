import Foundation
import Testing

@testable import ConvenerServer

@Suite("The test clock of CONVENER_TEST_CLOCK")
struct ScaledWallClockTests {
    @Test("ISO8601 with an optional rate and anchor parses; anything else does not")
    func parsing() throws {
        let plain = try #require(ScaledWallClock(parsing: "2026-01-05T08:59:40Z"))
        #expect(plain.start == Date(timeIntervalSince1970: 1_767_603_580))
        #expect(plain.rate == 1)
        let fast = try #require(ScaledWallClock(parsing: "2026-01-05T08:59:40Z,60"))
        #expect(fast.rate == 60)
        let anchored = try #require(ScaledWallClock(parsing: "2026-01-05T08:59:40Z,30,1800000000.5"))
        #expect(anchored.rate == 30)
        #expect(anchored.anchor == Date(timeIntervalSince1970: 1_800_000_000.5))
        for bad in [
            "", "yesterday", "2026-01-05T08:59:40Z,0", "2026-01-05T08:59:40Z,-2", "2026-01-05T08:59:40Z,1,soon",
            "2026-01-05T08:59:40Z,1,2,3",
        ] {
            #expect(ScaledWallClock(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("An anchored clock shows its instant at the anchor, read from the real time it is given (the database's)")
    func anchored() throws {
        let clock = try #require(ScaledWallClock(parsing: "2026-01-05T09:00:00Z,30,1800000000"))
        let database = clock.reading(realTime: { Date(timeIntervalSince1970: 1_800_000_010) })
        #expect(database.now() == clock.start.addingTimeInterval(300))
        let early = clock.reading(realTime: { Date(timeIntervalSince1970: 1_799_999_998) })
        #expect(early.now() == clock.start.addingTimeInterval(-60))
    }

    @Test("The clock starts at its instant and never runs backwards")
    func runsForward() throws {
        let clock = try #require(ScaledWallClock(parsing: "2026-01-05T08:59:40Z,1000"))
        let first = clock.now()
        let second = clock.now()
        #expect(first >= clock.start)
        #expect(second >= first)
    }
}
