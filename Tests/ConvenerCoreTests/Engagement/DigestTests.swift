import Foundation
import Testing

@testable import ConvenerCore

@Suite("The weekly round-up")
struct DigestTests {
    typealias Support = EngagementTestSupport
    static let library = PromptLibrary(themes: [
        PromptTheme(
            id: "reflection", title: "Reflection on practice", description: "",
            prompts: [DiscussionPrompt(id: "reflection-01", theme: "reflection", text: "What did you learn?")])
    ])

    /// A scripted week ending Friday 2026-02-13 16:00 UTC (day 43 + 16 h).
    func scriptedWeek(rules: [RuleSpec] = []) throws -> EngagementHarness {
        var harness = try EngagementHarness(rules: rules, prompts: Self.library)
        harness.say("cy", at: Support.at(day: 0))
        harness.say("convenor", at: Support.at(day: 0))
        harness.say("ada", at: Support.at(day: 38.1))
        harness.say("bob", at: Support.at(day: 38.2))
        harness.command("ada", "kudos @bob for the onboarding notes", at: Support.at(day: 39))
        harness.command("cy", "kudos @bob for answering my question", at: Support.at(day: 39.1))
        harness.command("bob", "kudos @cy for the pairing session", at: Support.at(day: 39.2))
        harness.command("cy", "me birthday 02-14", at: Support.at(day: 39.3))
        harness.command("ada", "roster join", at: Support.at(day: 40))
        harness.tick(at: Support.at(day: 43.5))
        return harness
    }

    static let expected = """
        🗞️ Round-up of Test Community, 2026-02-06 to 2026-02-13

        👋 Welcome to our new members: @Ada and @Bob.

        🙌 Kudos given: 3
        • @Bob: “for the onboarding notes”; “for answering my question”
        • @Cy: “for the pairing session”

        🎉 Coming up
        • @Cy's birthday on 2026-02-14
        • Facilitated session on 2026-02-16 with @Ada

        🧭 Next facilitator: @Ada. Thank you!

        💡 Next prompt theme: Reflection on practice.
        """

    @Test("Preview shows the scripted week exactly, to the convenor alone, and changes nothing")
    func preview() throws {
        var harness = try scriptedWeek()
        let outcome = harness.command("convenor", "digest preview", at: Support.at(day: 43 + 16.0 / 24))
        #expect(outcome.replies.map(\.text) == [Self.expected])
        #expect(outcome.replies.first?.isEphemeral == true)
        #expect(!outcome.facts.contains { if case .engagement = $0 { true } else { false } })
    }

    @Test("digest now and the digest.post rule action post the same text in the channel")
    func posting() throws {
        let rule = RuleSpec(
            id: "roundup", trigger: .schedule(cron: "0 16 * * FRI", timeZone: "UTC"),
            actions: [.postDigest(days: 7)])
        var harness = try scriptedWeek(rules: [rule])
        let now = harness.command("convenor", "digest now", at: Support.at(day: 43 + 16.0 / 24))
        #expect(EngagementHarness.channel(now).map(\.text) == [Self.expected])
        #expect(harness.state.engagement.lastDigestAt == Support.at(day: 43 + 16.0 / 24))
        let fired = harness.tick(at: Support.at(day: 43 + 16.0 / 24).addingTimeInterval(5))
        #expect(EngagementHarness.channel(fired).map(\.text) == [Self.expected])
    }

    @Test("A quiet week says so and still looks ahead")
    func quietWeek() throws {
        var harness = try EngagementHarness(prompts: Self.library)
        harness.say("convenor", at: Support.at(day: 0))
        let outcome = harness.command("convenor", "digest preview", at: Support.at(day: 20))
        #expect(
            outcome.replies.first?.text == """
                🗞️ Round-up of Test Community, 2026-01-14 to 2026-01-21

                A quiet stretch: a good moment to say hello in #general or to thank someone with \
                `/cop kudos @member WHY`.

                🧭 Facilitators take turns: `/cop roster join` puts you on the roster.

                💡 Next prompt theme: Reflection on practice.
                """)
    }

    @Test("Spotlight the unseen: kudos to a peripheral member come before more kudos to a core member")
    func spotlight() throws {
        var harness = try EngagementHarness()
        for day in 0..<60 {
            harness.say("core", at: Support.at(day: Double(day) + 0.3))
            harness.say("core", at: Support.at(day: Double(day) + 0.4))
            harness.tick(at: Support.at(day: Double(day) + 0.5))
        }
        #expect(harness.state.engagement.tier(of: Support.member("core")) == .core)
        harness.command("ada", "kudos @core for the talk", at: Support.at(day: 60))
        harness.command("bob", "kudos @core for the slides", at: Support.at(day: 60))
        harness.command("ada", "kudos @newbie for a first question", at: Support.at(day: 60))
        let on = harness.command("convenor", "digest preview", at: Support.at(day: 61))
        let lines = on.replies.first?.text.split(separator: "\n").filter { $0.hasPrefix("• @") } ?? []
        #expect(
            lines.map { String($0) } == [
                "• @newbie: “for a first question”", "• @Core: “for the talk”; “for the slides”",
            ])

        var settings = EngagementSettings()
        settings.spotlight = false
        harness.reducer = CommunityReducer(
            profile: harness.reducer.profile, settings: CommunitySettings(engagement: settings))
        let off = harness.command("convenor", "digest preview", at: Support.at(day: 61))
        let plain = off.replies.first?.text.split(separator: "\n").filter { $0.hasPrefix("• @") } ?? []
        #expect(plain.first == "• @Core: “for the talk”; “for the slides”")
    }
}
