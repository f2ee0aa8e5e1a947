import Foundation
import Testing

@testable import ConvenerCore

@Suite("Kudos through the reducer")
struct KudosReducerTests {
    typealias Support = EngagementTestSupport

    @Test("Kudos are shouted out in the channel, confirmed privately and raise kudos.given about the receiver")
    func shoutOut() throws {
        let rule = EngagementHarness.rule(
            "thanks", on: "kudos.given",
            post: "{{ member.name }} got kudos from {{ event.payload.fromName }} ({{ event.payload.from }}): "
                + "{{ event.payload.reason }}")
        var harness = try EngagementHarness(rules: [rule])
        harness.say("bob", at: Support.at(day: 0))
        let outcome = harness.command("ada", "kudos @bob for the clear demo", at: Support.at(day: 0.1))
        #expect(
            outcome.replies.map(\.text) == [
                "🎉 Kudos to @Bob from @Ada: for the clear demo",
                "Thanks for recognising @Bob — your kudos is in the channel. You have 4 kudos left today.",
            ])
        #expect(outcome.replies.map(\.isEphemeral) == [false, true])
        #expect(
            EngagementHarness.channel(outcome).map(\.text) == [
                "Bob got kudos from Ada (playground:ada): for the clear demo"
            ])
        let entries = harness.state.engagement.kudos.entries
        #expect(entries.map(\.receiver) == [Support.member("bob")])
        #expect(harness.state.members[Support.member("ada")]?.activity.kudos == 1)
        let received = harness.state.engagement.members.records[Support.member("bob")]
        #expect((received?.score ?? 0) > 1.9)
    }

    @Test("The daily allowance refuses the sixth kudos and refreshes at local midnight")
    func allowance() throws {
        var harness = try EngagementHarness()
        for index in 1...5 {
            let outcome = harness.command("ada", "kudos @bob thanks \(index)", at: Support.at(day: 0.4))
            #expect(!outcome.replies[0].isEphemeral)
        }
        let sixth = harness.command("ada", "kudos @bob thanks 6", at: Support.at(day: 0.5))
        #expect(sixth.replies.count == 1)
        #expect(
            sixth.replies[0].text
                == "You've given all 5 kudos for today — thank you for being so generous! Your allowance refreshes "
                + "at midnight (UTC), in 12 h. Until then, a thank-you in the thread works wonders too.")
        #expect(!sixth.facts.contains { if case .engagement = $0 { true } else { false } })
        let tomorrow = harness.command("ada", "kudos @bob thanks 7", at: Support.at(day: 1.01))
        #expect(tomorrow.replies.first?.text == "🎉 Kudos to @bob from @Ada: thanks 7")
        #expect(harness.state.engagement.kudos.entries.count == 6)
    }

    @Test("A configured allowance applies")
    func configuredAllowance() throws {
        var settings = EngagementSettings()
        settings.kudos.dailyAllowance = 1
        var harness = try EngagementHarness(settings: CommunitySettings(engagement: settings))
        harness.command("ada", "kudos @bob one", at: Support.at(day: 0.4))
        let second = harness.command("ada", "kudos @cy two", at: Support.at(day: 0.4))
        #expect(second.replies.first?.text.hasPrefix("You've given all 1 kudos for today") == true)
    }

    @Test("Self-kudos and missing reasons are refused with what to do instead")
    func refusals() throws {
        var harness = try EngagementHarness()
        let own = harness.command("ada", "kudos @ada for being me", at: Support.at(day: 0))
        #expect(own.replies.first?.text.hasPrefix("Kudos are for thanking someone else") == true)
        #expect(own.replies.first?.isEphemeral == true)
        let bare = harness.command("ada", "kudos @bob", at: Support.at(day: 0))
        #expect(bare.replies.first?.text.contains("Say why @bob deserves kudos") == true)
        let blank = harness.command("ada", "kudos @bob    ", at: Support.at(day: 0))
        #expect(blank.replies.first?.text.contains("Usage: /cop kudos @member WHY") == true)
        #expect(harness.state.engagement.kudos.entries.isEmpty)
    }

    @Test("Kudos to a name nobody has on a chat platform is refused")
    func unknownOnSlack() throws {
        let harness = try EngagementHarness()
        var rules = harness.state.ruleEngineState
        let input = Input(
            id: "s1", member: MemberID(platform: "slack", user: "U1"), displayName: "Ann",
            event: .command("kudos @nobody for help"))
        let outcome = harness.reducer.reduce(harness.state, input, rules: &rules, now: Support.at(day: 0))
        #expect(outcome.replies.first?.text.hasPrefix("I don't know @nobody in Test Community yet.") == true)
    }

    @Test("The shout-out mentions the receiver and the giver as members, not as text")
    func mentions() throws {
        var harness = try EngagementHarness()
        harness.say("bob", at: Support.at(day: 0))
        let outcome = harness.command("ada", "kudos @bob for the clear demo", at: Support.at(day: 0.1))
        let shout = try #require(outcome.replies.first)
        #expect(shout.mentions.map(\.member) == [Support.member("bob"), Support.member("ada")])
        #expect(shout.mentions.map(\.offset) == [12, 22])
        #expect(
            shout.text(renderingMentions: { "<\($0.member.user)>" })
                == "🎉 Kudos to <bob> from <ada>: for the clear demo")
    }
}
