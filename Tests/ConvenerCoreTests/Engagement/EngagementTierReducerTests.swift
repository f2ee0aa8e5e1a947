import Foundation
import Testing

@testable import ConvenerCore

@Suite("Engagement tiers through the reducer")
struct EngagementTierReducerTests {
    typealias Support = EngagementTestSupport
    let tierRule = EngagementHarness.rule(
        "tiers", on: "member.tierChanged", post: "{{ member.name }}: {{ event.payload.from }} -> {{ event.payload.to }}"
    )

    /// Runs `days` days: `messages(day)` messages from `name` at 10:00, a tick at 00:30 and 12:00.
    func simulate(
        _ harness: inout EngagementHarness, _ name: String, days: Range<Int>, messages: (Int) -> Int
    ) -> [(day: Int, text: String)] {
        var posts: [(Int, String)] = []
        for day in days {
            for outcome in [harness.tick(at: Support.at(day: Double(day) + 0.02))] {
                posts += EngagementHarness.channel(outcome).map { (day, $0.text) }
            }
            for _ in 0..<messages(day) { harness.say(name, at: Support.at(day: Double(day) + 10 / 24)) }
            let noon = harness.tick(at: Support.at(day: Double(day) + 0.5))
            posts += EngagementHarness.channel(noon).map { (day, $0.text) }
        }
        return posts
    }

    @Test("A steady poster climbs to core, then decays out after silence; each change is raised once")
    func climbAndDecay() throws {
        var harness = try EngagementHarness(rules: [tierRule])
        let climb = simulate(&harness, "ada", days: 0..<90) { _ in 2 }
        #expect(
            climb.map(\.text) == ["Ada: peripheral -> occasional", "Ada: occasional -> active", "Ada: active -> core"])
        let days = climb.map(\.day)
        #expect(zip(days, days.dropFirst()).allSatisfy { $1 - $0 >= 7 })
        #expect(harness.state.engagement.tier(of: Support.member("ada")) == .core)
        let fade = simulate(&harness, "bob", days: 90..<400) { _ in 0 }
        #expect(
            fade.map(\.text).filter { $0.hasPrefix("Ada") } == [
                "Ada: core -> active", "Ada: active -> occasional", "Ada: occasional -> peripheral",
            ])
        #expect(harness.state.engagement.tier(of: Support.member("ada")) == .peripheral)
    }

    @Test("Hysteresis holds a member hovering under the promotion line; without it they would drop")
    func hysteresisHolds() throws {
        var harness = try EngagementHarness(rules: [tierRule])
        // A burst makes Bob active; then one message every four days keeps his score between 8 and 12.
        let posts = simulate(&harness, "bob", days: 0..<180) { day in day == 0 ? 15 : (day % 4 == 0 ? 1 : 0) }
        #expect(posts.map(\.text) == ["Bob: peripheral -> active"])
        let score = try #require(
            harness.state.engagement.members.score(
                of: Support.member("bob"), at: Support.at(day: 180), policy: EngagementPolicy()))
        #expect(score > 8 && score < 12)

        var flat = EngagementSettings()
        flat.scoring = EngagementPolicy(
            corePromote: 40, coreKeep: 40, activePromote: 12, activeKeep: 12, occasionalPromote: 3, occasionalKeep: 3,
            minDaysBetweenTierChanges: 0)
        var noHysteresis = try EngagementHarness(rules: [tierRule], settings: CommunitySettings(engagement: flat))
        let flips = simulate(&noHysteresis, "bob", days: 0..<180) { day in day == 0 ? 15 : (day % 4 == 0 ? 1 : 0) }
        #expect(flips.map(\.text).prefix(2) == ["Bob: peripheral -> active", "Bob: active -> occasional"])
    }

    @Test("Scores decay with the configured half-life and weights")
    func decay() throws {
        var settings = EngagementSettings()
        settings.scoring.halfLifeDays = 10
        settings.scoring.weights.message = 2
        var harness = try EngagementHarness(settings: CommunitySettings(engagement: settings))
        harness.tick(at: Support.at(day: 0))
        for _ in 0..<5 { harness.say("cy", at: Support.at(day: 0.1)) }
        let score = harness.state.engagement.members.score(
            of: Support.member("cy"), at: Support.at(day: 10.1), policy: settings.scoring)
        #expect(abs((score ?? 0) - 5) < 1e-9)
    }

    @Test("Tiers are computed at most once per community-local day; later ticks that day record nothing")
    func oncePerDay() throws {
        let berlin = CommunityProfile(
            id: "b", name: "Berlin", timeZone: Support.zone("Europe/Berlin"), convenors: ["convenor"])
        var harness = try EngagementHarness(profile: berlin)
        // 2026-01-01 23:30 UTC is already 2 January in Berlin.
        let first = harness.tick(at: Support.at(day: 0.98))
        #expect(
            first.facts.contains {
                if case .engagement(.tiersEvaluated("2026-01-02", _, _)) = $0 { true } else { false }
            })
        let again = harness.tick(at: Support.at(day: 1.5))
        #expect(!again.facts.contains { if case .engagement = $0 { true } else { false } })
    }

    @Test("member.inactive is still raised by the reducer once a member is silent")
    func inactiveStillRaised() throws {
        let rule = EngagementHarness.rule("quiet", on: "member.inactive", post: "{{ member.name }} is quiet")
        var harness = try EngagementHarness(rules: [rule])
        harness.say("dee", at: Support.at(day: 0))
        let posts = (1...40).flatMap { EngagementHarness.channel(harness.tick(at: Support.at(day: Double($0)))) }
        #expect(posts.map(\.text) == ["Dee is quiet"])
    }
}
