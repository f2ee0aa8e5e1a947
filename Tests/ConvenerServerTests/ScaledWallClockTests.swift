import Foundation
import Testing

@testable import ConvenerServer

@Suite("The test clock of CONVENER_TEST_CLOCK")
struct ScaledWallClockTests {
    @Test("ISO8601 with an optional rate parses; anything else does not")
    func parsing() throws {
        let plain = try #require(ScaledWallClock(parsing: "2026-01-05T08:59:40Z"))
        #expect(plain.start == Date(timeIntervalSince1970: 1_767_603_580))
        #expect(plain.rate == 1)
        let fast = try #require(ScaledWallClock(parsing: "2026-01-05T08:59:40Z,60"))
        #expect(fast.rate == 60)
        for bad in ["", "yesterday", "2026-01-05T08:59:40Z,0", "2026-01-05T08:59:40Z,-2", "2026-01-05T08:59:40Z,1,2"] {
            #expect(ScaledWallClock(parsing: bad) == nil, "\(bad)")
        }
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
