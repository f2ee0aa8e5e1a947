import Foundation
import Testing

@testable import ConvenerCore

/// Kudos rules, allowances per local day, messages and the round-up spotlight.
struct KudosLedgerTests {
    private typealias Support = EngagementTestSupport
    private let alice = Support.member("alice")
    private let bob = Support.member("bob")
    private let carol = Support.member("carol")
    private let utc = Support.zone("UTC")

    /// Giving kudos stores the trimmed reason and counts down.
    @Test func givingKudosStoresTheTrimmedReasonAndCountsDown() throws {
        var ledger = KudosLedger()
        let receipt = try ledger.give(
            from: alice, to: bob, reason: "  for the clear code review \n", at: Support.at(day: 0), timeZone: utc)
        #expect(receipt.entry.reason == "for the clear code review")
        #expect(receipt.remainingToday == 4)
        #expect(receipt.announcement() == "🎉 Kudos to @bob from @alice: for the clear code review")
        #expect(receipt.confirmation().contains("You have 4 kudos left today."))
        #expect(ledger.entries == [receipt.entry])
    }

    /// Self kudos is refused warmly.
    @Test func selfKudosIsRefusedWarmly() {
        var ledger = KudosLedger()
        #expect(throws: KudosError.selfKudos) {
            try ledger.give(from: alice, to: alice, reason: "for shipping", at: Support.at(day: 0), timeZone: utc)
        }
        #expect(KudosError.selfKudos.message().contains("thanking someone else"))
        #expect(ledger.entries.isEmpty)
        #expect(ledger.allowances.isEmpty)
    }

    /// A reason is required.
    @Test(arguments: ["", "   ", "\n\t "])
    func aReasonIsRequired(reason: String) {
        var ledger = KudosLedger()
        #expect(throws: KudosError.missingReason(receiver: bob)) {
            try ledger.give(from: alice, to: bob, reason: reason, at: Support.at(day: 0), timeZone: utc)
        }
        let message = KudosError.missingReason(receiver: bob).message()
        #expect(message.contains("@bob knows what made a difference"))
        #expect(message.contains("`/cop kudos @bob for"))
    }

    /// Overlong reasons are refused with the limit.
    @Test func overlongReasonsAreRefusedWithTheLimit() {
        var ledger = KudosLedger()
        let policy = KudosPolicy(maxReasonLength: 10)
        #expect(throws: KudosError.reasonTooLong(length: 11, limit: 10)) {
            try ledger.give(
                from: alice, to: bob, reason: "12345678901", at: Support.at(day: 0), timeZone: utc, policy: policy)
        }
        #expect(KudosError.reasonTooLong(length: 11, limit: 10).message().contains("11 characters"))
    }

    /// The daily allowance resets at the givers local midnight.
    @Test func theDailyAllowanceResetsAtTheGiversLocalMidnight() throws {
        var ledger = KudosLedger()
        let berlin = Support.zone("Europe/Berlin")
        // 20:40 in Berlin on 23 Nov 2026; Berlin's midnight is 3 h 20 min away.
        let evening = Support.instant(2026, 11, 23, 20, 40, zone: "Europe/Berlin")
        for index in 0..<5 {
            let receipt = try ledger.give(
                from: alice, to: bob, reason: "thanks #\(index)", at: evening, timeZone: berlin)
            #expect(receipt.remainingToday == 4 - index)
        }
        let midnight = Support.instant(2026, 11, 24, 0, 0, zone: "Europe/Berlin")
        let expected = KudosError.allowanceUsed(limit: 5, resetsAt: midnight, timeZoneID: "Europe/Berlin", now: evening)
        #expect(throws: expected) {
            try ledger.give(from: alice, to: carol, reason: "one more", at: evening, timeZone: berlin)
        }
        let message = expected.message()
        #expect(message.contains("all 5 kudos for today"))
        #expect(message.contains("midnight (Europe/Berlin), in 3 h 20 min"))
        // Other givers are unaffected, and a minute past Berlin's midnight Alice may give again.
        #expect(throws: Never.self) {
            try ledger.give(from: bob, to: alice, reason: "for the review", at: evening, timeZone: berlin)
        }
        let receipt = try ledger.give(
            from: alice, to: carol, reason: "new day", at: midnight.addingTimeInterval(60), timeZone: berlin)
        #expect(receipt.remainingToday == 4)
    }

    /// The same instant is adifferent day in adifferent zone.
    @Test func theSameInstantIsADifferentDayInADifferentZone() throws {
        let policy = KudosPolicy(dailyAllowance: 1)
        // 2026-11-23T23:30Z is already 24 Nov in Tokyo but still 23 Nov in UTC.
        let first = Support.instant(2026, 11, 23, 12, 0, zone: "UTC")
        let second = Support.instant(2026, 11, 23, 23, 30, zone: "UTC")
        var inUTC = KudosLedger()
        _ = try inUTC.give(from: alice, to: bob, reason: "a", at: first, timeZone: utc, policy: policy)
        #expect(throws: KudosError.self) {
            try inUTC.give(from: alice, to: bob, reason: "b", at: second, timeZone: utc, policy: policy)
        }
        var inTokyo = KudosLedger()
        let tokyo = Support.zone("Asia/Tokyo")
        _ = try inTokyo.give(from: alice, to: bob, reason: "a", at: first, timeZone: tokyo, policy: policy)
        let receipt = try inTokyo.give(from: alice, to: bob, reason: "b", at: second, timeZone: tokyo, policy: policy)
        #expect(receipt.remainingToday == 0)
        #expect(receipt.confirmation().contains("That was your last one for today."))
    }

    /// The round up spotlights kudos to peripheral members.
    @Test func theRoundUpSpotlightsKudosToPeripheralMembers() throws {
        var ledger = KudosLedger()
        let core = Support.member("core")
        let newcomer = Support.member("newcomer")
        let occasional = Support.member("occasional")
        let givers = (0..<4).map { Support.member("g\($0)") }
        let day = Support.at(day: 0)
        for giver in givers.prefix(2) {
            _ = try ledger.give(from: giver, to: core, reason: "for the talk", at: day, timeZone: utc)
        }
        _ = try ledger.give(from: givers[2], to: core, reason: "again", at: day, timeZone: utc)
        _ = try ledger.give(from: givers[3], to: newcomer, reason: "for a first question", at: day, timeZone: utc)
        _ = try ledger.give(
            from: givers[0], to: occasional, reason: "for the fix", at: day.addingTimeInterval(60), timeZone: utc)
        // Outside the round-up period:
        _ = try ledger.give(
            from: givers[1], to: occasional, reason: "last week", at: Support.at(day: -3), timeZone: utc)
        let tiers: [MemberID: EngagementTier] = [core: .core, occasional: .occasional]
        let ranking = ledger.spotlight(from: Support.at(day: 0), to: Support.at(day: 7), tiers: tiers)
        // Core: 3 × 1 = 3; newcomer (no tier known → peripheral): 1 × 3 = 3; occasional: 1 × 2 = 2.
        #expect(ranking.map(\.member) == [newcomer, core, occasional])
        #expect(ranking.map(\.count) == [1, 3, 1])
        #expect(ranking[1].givers == 3)
        #expect(ranking[1].reasons == ["for the talk", "for the talk", "again"])
        let counts = ledger.receivedCounts(from: Support.at(day: 0), to: Support.at(day: 7))
        #expect(counts == [core: 3, newcomer: 1, occasional: 1])
    }

    /// Pruning and forgetting drop the right entries.
    @Test func pruningAndForgettingDropTheRightEntries() throws {
        var ledger = KudosLedger()
        _ = try ledger.give(from: alice, to: bob, reason: "old", at: Support.at(day: 0), timeZone: utc)
        _ = try ledger.give(from: carol, to: bob, reason: "new", at: Support.at(day: 10), timeZone: utc)
        _ = try ledger.give(from: bob, to: carol, reason: "back", at: Support.at(day: 10), timeZone: utc)
        ledger.prune(before: Support.at(day: 5))
        #expect(ledger.entries.map(\.reason) == ["new", "back"])
        ledger.remove(carol)
        #expect(ledger.entries.isEmpty)
        #expect(ledger.allowances[carol] == nil)
        #expect(ledger.allowances[bob] != nil)
        let data = try JSONEncoder().encode(ledger)
        #expect(try JSONDecoder().decode(KudosLedger.self, from: data) == ledger)
    }
}
