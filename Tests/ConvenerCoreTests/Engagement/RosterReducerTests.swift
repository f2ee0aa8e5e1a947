import Foundation
import Testing

@testable import ConvenerCore

@Suite("The facilitator roster through the reducer")
struct RosterReducerTests {
    typealias Support = EngagementTestSupport
    let names = ["ada", "bob", "cy", "dee", "eve"]

    @Test("52 weeks with skips, swaps and time away stay fair, and skipping never takes anyone out")
    func yearOfTurns() throws {
        var harness = try EngagementHarness()
        for name in names { harness.command(name, "roster join", at: Support.at(day: 0.1)) }
        var turns: [String: Int] = [:]
        var facilitators: [(day: Int, name: String)] = []
        var announcements = 0
        var handoffs = 0
        var skips = 0
        for day in 1...364 {
            let week = day / 7
            if day == 175 { harness.command("dee", "away 6w", at: Support.at(day: Double(day) + 0.3)) }
            if let upcoming = harness.state.engagement.roster.upcoming {
                let name = upcoming.member.user
                if name == "bob" && (10..<20).contains(week) {
                    let outcome = harness.command("bob", "roster skip", at: Support.at(day: Double(day) + 0.4))
                    #expect(outcome.replies.first?.text.hasPrefix("No problem —") == true)
                    skips += 1
                } else if week == 30 && name != "eve" {
                    let outcome = harness.command(name, "roster swap @eve", at: Support.at(day: Double(day) + 0.4))
                    #expect(outcome.replies.first?.text.hasPrefix("Done — @Eve takes this turn") == true)
                }
            }
            let before = harness.state.engagement.roster.turnCounts()
            let outcome = harness.tick(at: Support.at(day: Double(day) + 0.5))
            announcements += EngagementHarness.channel(outcome).filter { $0.text.contains("facilitates next") }.count
            handoffs += EngagementHarness.queued(outcome).filter { $0.text.contains("Handoff note:") }.count
            for (member, count) in harness.state.engagement.roster.turnCounts() where count > (before[member] ?? 0) {
                turns[member.user, default: 0] += 1
                facilitators.append((day, member.user))
            }
        }
        #expect(facilitators.count == 52)
        #expect(announcements == 52 && handoffs == 52)
        #expect(skips > 0)
        #expect(harness.state.engagement.roster.entries.map(\.member.user) == names)
        // Dee was away from day 175 for six weeks: no turn for her then.
        #expect(!facilitators.contains { $0.name == "dee" && (175..<217).contains($0.day) })
        let counts = names.map { turns[$0] ?? 0 }
        #expect((counts.max() ?? 0) - (counts.min() ?? 0) <= 2, "turns: \(turns)")
        #expect((turns["bob"] ?? 0) >= 9, "bob skipped but stays in the rotation: \(turns)")
    }

    @Test("join, who, leave: the order and counts are shown, and the next turn is announced ahead with a handoff")
    func whoAndAnnouncement() throws {
        var harness = try EngagementHarness()
        // 2026-01-03 is a Saturday: Monday's turn is within three days, so joining announces it.
        let join = harness.command("ada", "roster join", at: Support.at(day: 2.5))
        #expect(
            join.replies.first?.text
                == "You're on the facilitator roster — thank you for stepping up! You're #1 in line. "
                + "`/cop roster who` shows the order.")
        #expect(
            EngagementHarness.channel(join).map(\.text) == [
                "📣 @Ada facilitates next, on 2026-01-05. Thank you! Can't make it? `/cop roster skip` passes the "
                    + "turn on, `/cop roster swap @member` trades it."
            ])
        let dm = EngagementHarness.queued(join).filter { $0.audience == .direct(Support.member("ada")) }
        #expect(
            dm.map(\.text) == [
                "Hi Ada, you're facilitating Test Community in #general on 2026-01-05. Handoff note: You're the "
                    + "roster's first facilitator, so there is no handoff yet: start as you like. Can't make it? "
                    + "`/cop roster skip` passes the turn on, `/cop roster swap @member` trades it."
            ])
        harness.command("bob", "roster join", at: Support.at(day: 2.6))
        let who = harness.command("bob", "roster who", at: Support.at(day: 2.7))
        #expect(
            who.replies.first?.text
                == "Next up: @Ada on 2026-01-05.\nThen: @Bob.\nTurns so far: @Ada 0, @Bob 0.")
        harness.tick(at: Support.at(day: 4.5))
        let next = harness.tick(at: Support.at(day: 8.5))
        #expect(
            EngagementHarness.channel(next).map(\.text).last?.hasSuffix(
                "\nHandoff: @Ada facilitated last, on 2026-01-05.") == true)
        let leave = harness.command("bob", "roster leave", at: Support.at(day: 9))
        #expect(leave.replies.first?.text.hasPrefix("You've left the facilitator roster") == true)
        #expect(harness.state.engagement.roster.upcoming?.member == Support.member("ada"))
    }

    @Test("Skip and swap need the turn to be yours; swap needs a roster member")
    func refusals() throws {
        var harness = try EngagementHarness()
        let notOn = harness.command("ada", "roster skip", at: Support.at(day: 0))
        #expect(notOn.replies.first?.text.hasPrefix("You're not on the facilitator roster yet.") == true)
        harness.command("ada", "roster join", at: Support.at(day: 2.5))
        harness.command("bob", "roster join", at: Support.at(day: 2.5))
        let notNext = harness.command("bob", "roster skip", at: Support.at(day: 2.6))
        #expect(notNext.replies.first?.text.hasPrefix("You're not up next — @Ada is") == true)
        let stranger = harness.command("ada", "roster swap @zed", at: Support.at(day: 2.6))
        #expect(stranger.replies.first?.text.hasPrefix("@zed isn't on the facilitator roster") == true)
    }
}
