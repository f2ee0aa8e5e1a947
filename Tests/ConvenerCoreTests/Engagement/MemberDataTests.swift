import Foundation
import Testing

@testable import ConvenerCore

@Suite("Member data, leaving and stats")
struct MemberDataTests {
    typealias Support = EngagementTestSupport

    /// A community where Bob has left a trace in every engagement corner, in rate limits and in message ids.
    func busyCommunity() throws -> EngagementHarness {
        let welcome = RuleSpec(
            id: "welcome", trigger: .event("member.joined"),
            actions: [.directMessage(text: RuleTemplate("Hi {{ member.name }}"))],
            rateLimit: RuleRateLimit(
                global: RuleRate(count: 100, seconds: 60), perMember: RuleRate(count: 1, seconds: 604_800)))
        let quiet = RuleSpec(
            id: "quiet", trigger: .event("member.inactive"),
            actions: [.post(text: RuleTemplate("miss you"), channel: nil)])
        var harness = try EngagementHarness(rules: [welcome, quiet])
        harness.say("ada", at: Support.at(day: 0))
        harness.say("bob", at: Support.at(day: 0.1))
        harness.command("ada", "kudos @bob for the notes", at: Support.at(day: 0.2))
        harness.command("bob", "kudos @ada for the review", at: Support.at(day: 0.3))
        harness.command("bob", "me birthday 07-14 --tz Europe/Paris", at: Support.at(day: 0.4))
        harness.command("bob", "roster join", at: Support.at(day: 2.5))
        harness.command("ada", "roster join", at: Support.at(day: 2.5))
        for day in 3...40 {
            let outcome = harness.tick(at: Support.at(day: Double(day)))
            for message in EngagementHarness.queued(outcome) {
                harness.state.apply(
                    .messageDelivered(
                        id: message.id,
                        reference: PlatformMessageReference(platform: "slack", channel: "c", messageID: "m"))
                )
            }
        }
        harness.say("bob", at: Support.at(day: 41))
        return harness
    }

    @Test("/cop me counts every kudos but lists the newest five; export lists them all")
    func manyKudos() throws {
        var harness = try EngagementHarness(rules: [])
        harness.say("ada", at: Support.at(day: 0))
        harness.say("bob", at: Support.at(day: 0.1))
        for day in 1...8 {
            harness.command("ada", "kudos @bob for help \(day)", at: Support.at(day: Double(day)))
        }
        let me = harness.command("bob", "me", at: Support.at(day: 9))
        let text = try #require(me.replies.first?.text)
        let listed = (4...8).map { "•   “for help \($0)” from @Ada on 2026-01-0\($0 + 1)" }.joined(separator: "\n")
        #expect(text.contains("• kudos received (last 90 days): 8\n" + listed + "\n"))
        #expect(text.contains("•   … and 3 earlier (`/cop me export` lists them all)\n• kudos given (last 90 days): 0"))
        #expect(!text.contains("for help 3”"))
        let export = try #require(harness.command("bob", "me export", at: Support.at(day: 9.1)).replies.first?.text)
        #expect((1...8).allSatisfy { export.contains("\"reason\" : \"for help \($0)\"") })
    }

    @Test("/cop me shows engagement, kudos, birthday and roster; export has the same as JSON")
    func showAndExport() throws {
        var harness = try busyCommunity()
        let me = harness.command("bob", "me", at: Support.at(day: 41.1))
        let text = try #require(me.replies.first?.text)
        #expect(text.contains("• engagement: occasional tier, score"))
        #expect(text.contains("• kudos received (last 90 days): 1\n•   “for the notes” from @Ada on 2026-01-01"))
        #expect(text.contains("• kudos given (last 90 days): 1\n•   “for the review” to @Ada on 2026-01-01"))
        #expect(text.contains("• birthday: 07-14"))
        #expect(text.contains("• time zone: Europe/Paris"))
        #expect(text.contains("• facilitator roster: on it, 1 turn taken") || text.contains("turns taken"))
        let export = harness.command("bob", "me export", at: Support.at(day: 41.2))
        let json = try #require(export.replies.first?.text)
        #expect(json.contains("\"birthday\" : \"07-14\""))
        #expect(json.contains("\"kudosReceived\""))
        #expect(json.contains("\"reason\" : \"for the notes\""))
        #expect(json.contains("\"features\""))
        let body = try #require(json.split(separator: "```").dropFirst().first)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(document["id"] as? String == "playground:bob")
        #expect((document["engagement"] as? [String: Any])?["tier"] as? String == "occasional")
    }

    @Test("forget leaves no trace of the member id in the encoded state; their kudos received thank a member")
    func forgetScan() throws {
        var harness = try busyCommunity()
        let encoder = JSONEncoder()
        let before = String(decoding: try encoder.encode(harness.state), as: UTF8.self)
        #expect(before.contains("playground:bob"))
        let ask = harness.command("bob", "me forget", at: Support.at(day: 42))
        #expect(
            ask.replies.first?.actions.map(\.id) == [MemberDataView.confirmForgetAction, MemberDataView.keepDataAction])
        let done = harness.command("bob", "me forget confirm", at: Support.at(day: 42.1))
        #expect(done.compactsJournal)
        let after = String(decoding: try encoder.encode(harness.state), as: UTF8.self)
        #expect(!after.contains("playground:bob"))
        let entries = harness.state.engagement.kudos.entries
        #expect(entries.map(\.receiver) == [EngagementBook.forgottenMember])
        #expect(entries.map(\.reason) == ["for the notes"])
        #expect(harness.state.engagement.roster.entries.map(\.member) == [Support.member("ada")])
        let who = harness.command("ada", "me", at: Support.at(day: 42.2))
        #expect(who.replies.first?.text.contains("“for the review”") == false)
        let digest = EngagementDigest(
            context: FeatureContext(
                reducer: harness.reducer, state: harness.state, now: Support.at(day: 3), idPrefix: "t"),
            days: 7
        ).text
        #expect(digest.contains("• a member: “for the notes”"))
    }

    @Test("A leaving member is thanked; on_leave keep keeps their data, delete forgets it")
    func leaving() throws {
        var keep = try busyCommunity()
        let kept = keep.send("bob", .left, at: Support.at(day: 43))
        let farewell = EngagementHarness.queued(kept).filter { $0.audience == .direct(Support.member("bob")) }
        #expect(
            farewell.map(\.text) == [
                "Thank you for being part of Test Community, Bob. What you shared here made a difference, and the "
                    + "door stays open: you are welcome back any time. We keep your history for when you return; "
                    + "`/cop me forget` deletes it."
            ])
        #expect(keep.state.members[Support.member("bob")] != nil)
        #expect(!keep.state.engagement.roster.entries.contains { $0.member == Support.member("bob") })

        var settings = EngagementSettings()
        settings.onLeave = .delete
        var delete = try busyCommunity()
        delete.reducer = CommunityReducer(
            profile: delete.reducer.profile, settings: CommunitySettings(engagement: settings))
        let gone = delete.send("bob", .left, at: Support.at(day: 43))
        #expect(gone.compactsJournal)
        #expect(delete.state.members[Support.member("bob")] == nil)
        #expect(delete.state.engagement.birthdays.isEmpty)
    }

    @Test("Stats give convenors aggregates only: tiers, movement, activity trend, participation")
    func stats() throws {
        var harness = try EngagementHarness()
        harness.say("convenor", at: Support.at(day: 0))
        for day in 0..<40 {
            harness.say("core", at: Support.at(day: Double(day) + 0.3))
            harness.say("core", at: Support.at(day: Double(day) + 0.4))
            if day >= 33 { harness.say("new", at: Support.at(day: Double(day) + 0.4)) }
            harness.tick(at: Support.at(day: Double(day) + 0.5))
        }
        harness.command("new", "kudos @core for the welcome", at: Support.at(day: 39.6))
        let refused = harness.command("new", "stats", at: Support.at(day: 39.7))
        #expect(
            refused.replies.first?.text.hasPrefix("Only the convenors of Test Community can use `/cop stats`.") == true)
        let stats = harness.command("convenor", "stats", at: Support.at(day: 39.8))
        #expect(
            stats.replies.first?.text == """
                📈 Test Community at a glance (aggregates only)
                Members: 3 (core 1, active 0, occasional 1, peripheral 1)
                Since last month: 1 joined, 2 moved up a tier, 0 moved down; a month ago: core 0, active 1, \
                occasional 0, peripheral 1
                Activity: 24 in the last 7 days, 14 the week before (up 71%); 70 in the last 30 days
                Kudos given in the last 30 days: 1
                Poll votes in the last 30 days: 0
                Survey answers in the last 30 days: 0
                Pairing meetings confirmed in the last 30 days: 0
                """)
        #expect(stats.replies.first?.text.contains("playground:") == false)
    }
}
