import Foundation
import Testing

@testable import ConvenerCore

/// The facilitator roster: rotation, skip, swap, absences and a year-long fairness simulation.
struct RosterStateTests {
    private typealias Support = EngagementTestSupport
    private let utc = Support.zone("UTC")
    private let names = ["ana", "ben", "cai", "dee"]
    private var members: [MemberID] { names.map(Support.member) }

    /// A roster with `members` joined in order on day 0.
    func roster() throws -> RosterState {
        var roster = RosterState()
        for member in members {
            _ = try roster.join(member, at: Support.at(day: 0))
        }
        return roster
    }

    /// Schedules and completes `count` weekly turns starting at `week`, returning who facilitated.
    func run(_ roster: inout RosterState, weeks: Range<Int>, away: Set<MemberID> = []) -> [String] {
        weeks.compactMap { week in
            _ = roster.schedule(
                turnAt: Support.at(day: Double(week * 7)), now: Support.at(day: Double(week * 7 - 3)), away: away)
            return roster.completeTurn(at: Support.at(day: Double(week * 7)), away: away)?.user
        }
    }

    /// Turns rotate in join order when nobody skips.
    @Test func turnsRotateInJoinOrderWhenNobodySkips() throws {
        var roster = try roster()
        #expect(run(&roster, weeks: 1..<13) == Array(repeating: names, count: 3).flatMap { $0 })
        #expect(roster.turnCounts().values.allSatisfy { $0 == 3 })
    }

    /// Joining and leaving reply warmly.
    @Test func joiningAndLeavingReplyWarmly() throws {
        var roster = RosterState()
        let ana = Support.member("ana")
        #expect(try roster.join(ana, at: Support.at(day: 0)).contains("You're #1 in line"))
        #expect(throws: RosterError.alreadyOnRoster(position: 1)) {
            try roster.join(ana, at: Support.at(day: 1))
        }
        #expect(RosterError.alreadyOnRoster(position: 1).message().contains("#1 in line"))
        _ = run(&roster, weeks: 1..<3)
        let change = try roster.leave(ana)
        #expect(change.reply.contains("thank you for the 2 turns you took"))
        #expect(change.announcement == nil)
        #expect(throws: RosterError.notOnRoster) { try roster.leave(ana) }
        #expect(RosterError.notOnRoster.message().contains("`/cop roster join`"))
    }

    /// A skip passes the turn on and puts the skipper first next time.
    @Test func aSkipPassesTheTurnOnAndPutsTheSkipperFirstNextTime() throws {
        var roster = try roster()
        let ana = members[0]
        let announcement = roster.schedule(turnAt: Support.at(day: 7), now: Support.at(day: 4))
        #expect(announcement?.member == ana)
        #expect(announcement?.message(timeZone: utc).contains("@ana facilitates next, on 2026-01-08") == true)
        let change = try roster.skip(ana, at: Support.at(day: 5))
        #expect(change.announcement == RosterAnnouncement(member: members[1], turnAt: Support.at(day: 7)))
        #expect(change.reply == "No problem — @ben takes this turn, and you're first in line for the next one.")
        #expect(roster.completeTurn(at: Support.at(day: 7)) == members[1])
        // Ana first (owed), then the fewest turns; at a tie, whoever facilitated longest ago.
        #expect(run(&roster, weeks: 2..<6) == ["ana", "cai", "dee", "ben"])
        #expect(roster.turnCounts() == [members[0]: 1, members[1]: 2, members[2]: 1, members[3]: 1])
    }

    /// A swap gives the turn to the named member.
    @Test func aSwapGivesTheTurnToTheNamedMember() throws {
        var roster = try roster()
        let (ana, dee) = (members[0], members[3])
        _ = roster.schedule(turnAt: Support.at(day: 7), now: Support.at(day: 4))
        let change = try roster.swap(ana, with: dee, at: Support.at(day: 5))
        #expect(change.announcement?.member == dee)
        #expect(change.reply.contains("@dee takes this turn"))
        #expect(roster.position(of: ana) == 2)
        #expect(roster.completeTurn(at: Support.at(day: 7)) == dee)
        #expect(run(&roster, weeks: 2..<5) == ["ana", "ben", "cai"])
    }

    /// Someone who takes extra turns (here by accepting three swaps) waits until the others catch up,
    /// rather than merely going to the back of the line once.
    @Test func extraTurnsFromSwapsAreRememberedInTheCounts() throws {
        var roster = try roster()
        let (ana, dee) = (members[0], members[3])
        _ = run(&roster, weeks: 1..<5)
        for week in 5..<8 {
            let turnAt = Support.at(day: Double(week * 7))
            #expect(roster.schedule(turnAt: turnAt, now: turnAt.addingTimeInterval(-3 * Support.day))?.member == ana)
            _ = try roster.swap(ana, with: dee, at: turnAt.addingTimeInterval(-Support.day))
            #expect(roster.completeTurn(at: turnAt) == dee)
        }
        let next = run(&roster, weeks: 8..<18)
        #expect(next == ["ana", "ben", "cai", "ana", "ben", "cai", "ana", "ben", "cai", "dee"])
        #expect(roster.turnCounts() == [members[0]: 4, members[1]: 4, members[2]: 4, dee: 5])
    }

    /// Skip and swap explain what is wrong.
    @Test func skipAndSwapExplainWhatIsWrong() throws {
        var roster = try roster()
        let (ana, ben) = (members[0], members[1])
        let stranger = Support.member("stranger")
        #expect(throws: RosterError.notUpNext(upcoming: nil)) { try roster.skip(ana, at: Support.at(day: 0)) }
        _ = roster.schedule(turnAt: Support.at(day: 7), now: Support.at(day: 4))
        #expect(throws: RosterError.notUpNext(upcoming: ana)) { try roster.skip(ben, at: Support.at(day: 5)) }
        #expect(RosterError.notUpNext(upcoming: ana).message().hasPrefix("You're not up next — @ana is"))
        #expect(throws: RosterError.notOnRoster) { try roster.skip(stranger, at: Support.at(day: 5)) }
        #expect(throws: RosterError.swapWithSelf) { try roster.swap(ana, with: ana, at: Support.at(day: 5)) }
        #expect(throws: RosterError.partnerNotOnRoster(stranger)) {
            try roster.swap(ana, with: stranger, at: Support.at(day: 5))
        }
        #expect(throws: RosterError.partnerAway(ben)) {
            try roster.swap(ana, with: ben, at: Support.at(day: 5), away: [ben])
        }
        #expect(throws: RosterError.nobodyElseAvailable) {
            try roster.skip(ana, at: Support.at(day: 5), away: Set(members.dropFirst()))
        }
        #expect(roster.upcoming?.member == ana, "failed commands change nothing")
        #expect(roster.entries.allSatisfy { $0.owedSince == nil })
    }

    /// Away members are never chosen and come back without hogging turns.
    @Test func awayMembersAreNeverChosenAndComeBackWithoutHoggingTurns() throws {
        var roster = try roster()
        let dee = members[3]
        _ = run(&roster, weeks: 1..<5)
        // Dee is away for ten weeks, then back: she is not owed ten turns.
        let whileAway = run(&roster, weeks: 5..<15, away: [dee])
        #expect(!whileAway.contains("dee"))
        let afterwards = run(&roster, weeks: 15..<19)
        #expect(Set(afterwards) == Set(names), "each member once in the four weeks after Dee's return")
    }

    /// An announced member who goes away is replaced and stays first in line.
    @Test func anAnnouncedMemberWhoGoesAwayIsReplacedAndStaysFirstInLine() throws {
        var roster = try roster()
        let ana = members[0]
        #expect(roster.schedule(turnAt: Support.at(day: 7), now: Support.at(day: 3))?.member == ana)
        #expect(roster.schedule(turnAt: Support.at(day: 7), now: Support.at(day: 4)) == nil, "already announced")
        let replacement = roster.schedule(turnAt: Support.at(day: 7), now: Support.at(day: 5), away: [ana])
        #expect(replacement?.member == members[1])
        _ = roster.completeTurn(at: Support.at(day: 7), away: [ana])
        #expect(run(&roster, weeks: 2..<3) == ["ana"])
    }

    /// A late joiner takes their place instead of every turn.
    @Test func aLateJoinerTakesTheirPlaceInsteadOfEveryTurn() throws {
        var roster = try roster()
        _ = run(&roster, weeks: 1..<9)
        let eve = Support.member("eve")
        _ = try roster.join(eve, at: Support.at(day: 60))
        let next = run(&roster, weeks: 9..<14)
        #expect(next == ["ana", "ben", "cai", "dee", "eve"])
    }

    /// Leaving while up next hands the turn on.
    @Test func leavingWhileUpNextHandsTheTurnOn() throws {
        var roster = try roster()
        _ = roster.schedule(turnAt: Support.at(day: 7), now: Support.at(day: 3))
        let change = try roster.leave(members[0])
        #expect(change.announcement == RosterAnnouncement(member: members[1], turnAt: Support.at(day: 7)))
        #expect(change.reply.hasSuffix("@ben takes your upcoming turn."))
    }

    /// Who shows the order the counts and who is away.
    @Test func whoShowsTheOrderTheCountsAndWhoIsAway() throws {
        #expect(RosterState().who(timeZone: utc).contains("roster is empty"))
        var roster = try roster()
        _ = run(&roster, weeks: 1..<3)
        _ = roster.schedule(turnAt: Support.at(day: 21), now: Support.at(day: 18))
        let text = roster.who(away: [members[1]], timeZone: utc)
        #expect(
            text == """
                Next up: @cai on 2026-01-22.
                Then: @dee, @ana.
                Turns so far: @ana 1, @ben 1, @cai 0, @dee 0.
                Away: @ben.
                """)
    }

    /// 52 weeks with random absences, skips and swaps among the "irregular" members: the "steady"
    /// members (never away, never skipping, never swapping, never swapped with) stay within one turn of
    /// each other every week, nobody away is ever chosen, and every week has a facilitator.
    @Test(arguments: Array(1...20) as [UInt64])
    func turnsStayFairOverAYearOfSkipsSwapsAndAbsences(seed: UInt64) throws {
        var generator = EngagementSeededGenerator(seed: seed)
        var roster = RosterState()
        let steady = (0..<4).map { Support.member("steady\($0)") }
        let irregular = (0..<5).map { Support.member("irregular\($0)") }
        for (index, member) in zip(steady, irregular).flatMap({ [$0, $1] }).enumerated() {
            _ = try roster.join(member, at: Support.at(day: Double(index) / 24))
        }
        _ = try roster.join(irregular[4], at: Support.at(day: 0.5))
        var away: Set<MemberID> = []
        var (skips, swaps, absences) = (0, 0, 0)
        var facilitated: [MemberID] = []
        for week in 1...52 {
            let turnAt = Support.at(day: Double(week * 7))
            for member in irregular {
                if away.contains(member) {
                    if Double.random(in: 0..<1, using: &generator) < 0.4 { away.remove(member) }
                } else if Double.random(in: 0..<1, using: &generator) < 0.15 {
                    away.insert(member)
                    absences += 1
                }
            }
            _ = roster.schedule(turnAt: turnAt, now: turnAt.addingTimeInterval(-3 * Support.day), away: away)
            let upcoming = try #require(roster.upcoming).member
            if irregular.contains(upcoming) {
                let roll = Double.random(in: 0..<1, using: &generator)
                if roll < 0.25 {
                    _ = try roster.skip(upcoming, at: turnAt.addingTimeInterval(-Support.day), away: away)
                    skips += 1
                } else if roll < 0.45 {
                    let partners = irregular.filter { $0 != upcoming && !away.contains($0) }
                    if let partner = partners.randomElement(using: &generator) {
                        _ = try roster.swap(
                            upcoming, with: partner, at: turnAt.addingTimeInterval(-Support.day), away: away)
                        swaps += 1
                    }
                }
            }
            let completed = roster.completeTurn(at: turnAt, away: away)
            let facilitator = try #require(completed)
            #expect(!away.contains(facilitator))
            facilitated.append(facilitator)
            let counts = roster.turnCounts()
            let steadyCounts = steady.map { counts[$0] ?? 0 }
            let spread = (steadyCounts.max() ?? 0) - (steadyCounts.min() ?? 0)
            #expect(spread <= 1, "week \(week): steady members' turns \(steadyCounts)")
        }
        #expect(facilitated.count == 52)
        #expect(roster.turnCounts().values.reduce(0, +) == 52)
        #expect(skips > 0 && swaps > 0 && absences > 0, "the simulation exercises every kind of disruption")
    }
}
