import Foundation
import Testing

@testable import ConvenerCore

/// `CommunityState` has a hand-written decoder (old snapshots lack newer keys); this test fails when a stored
/// property is added without the decoder reading it back, or without this test populating it.
@Suite("Community state survives a round trip")
struct CommunityStateRoundTripTests {
    typealias Support = EngagementTestSupport

    @Test("Every stored property is populated here and comes back from JSON unchanged")
    func everyPropertyRoundTrips() throws {
        let state = try Self.populatedState()
        let empty = CommunityState()
        let emptyChildren = Dictionary(
            Mirror(reflecting: empty).children.compactMap { child in child.label.map { ($0, Self.dumped(child.value)) }
            },
            uniquingKeysWith: { first, _ in first })
        let labels = Mirror(reflecting: state).children.compactMap(\.label)
        #expect(labels.count >= 16)
        for child in Mirror(reflecting: state).children {
            guard let label = child.label else { continue }
            #expect(
                Self.dumped(child.value) != emptyChildren[label],
                "\(label) is still empty: populate it in populatedState() so the round trip covers it")
        }
        let data = try JSONEncoder().encode(state)
        let decoded = try JSONDecoder().decode(CommunityState.self, from: data)
        let decodedChildren = Dictionary(
            Mirror(reflecting: decoded).children.compactMap { child in
                child.label.map { ($0, Self.dumped(child.value)) }
            }, uniquingKeysWith: { first, _ in first })
        for child in Mirror(reflecting: state).children {
            guard let label = child.label else { continue }
            // Dumps of equal dictionaries can list keys in different orders, so a difference is only a hint.
            if decodedChildren[label] == emptyChildren[label] {
                Issue.record("\(label) did not survive the round trip: the decoder leaves it empty")
            }
        }
        #expect(decoded == state)
    }

    /// A community after a busy week: members, an outbox and a dead letter, rules, schedules, prompts, absences,
    /// silence, deliveries, polls, feedback, a survey, pairing, engagement, a calendar revision, a mail address
    /// and a prompt with an answer.
    static func populatedState() throws -> CommunityState {
        let rule = EngagementHarness.rule("thanks", on: "kudos.given", post: "Thanks, {{ member.mention }}!")
        var harness = try EngagementHarness(rules: [rule])
        let day = Support.at(day: 0)
        for name in ["ada", "bob", "cy", "dee", "eve", "fay"] { harness.say(name, at: day) }
        harness.command("ada", "poll \"Lunch?\" \"Pizza\" \"Sushi\"", at: Support.at(day: 0.1))
        harness.command("bob", "feedback The meetups run too long", at: Support.at(day: 0.1))
        harness.command("convenor", "survey start pulse", at: Support.at(day: 0.1))
        for name in ["ada", "bob", "cy", "dee"] {
            harness.command(name, "pair join --interests testing", at: Support.at(day: 0.2))
        }
        harness.command("cy", "kudos @dee for the clear review", at: Support.at(day: 0.3))
        harness.command("eve", "away 2w", at: Support.at(day: 0.3))
        harness.command("fay", "roster join", at: Support.at(day: 0.3))
        harness.tick(at: Support.at(day: 1))
        var state = harness.state
        let queued = try #require(state.outbox.first?.message.id)
        state.apply([
            .messageDeadLettered(id: queued, reason: "channel_not_found", at: Support.at(day: 1.1)),
            .scheduleRecorded(
                schedule: "weekly-prompt", entry: ScheduleFireLedger.Entry(armedAt: day, lastFired: day)),
            .promptRotated(theme: "practice", round: PromptRotation.ThemeRound(round: 2, done: ["p1"])),
            .memberInactiveRaised(member: Support.member("fay"), at: Support.at(day: 1.2)),
            .messageDelivered(
                id: "in1.1", reference: PlatformMessageReference(platform: "slack", channel: "C1", messageID: "1.2")),
            .calendarEventRevised(
                event: "meetup",
                revision: CalendarEventRevision(
                    fingerprint: "f", sequence: 1, firstSeen: day, modifiedAt: Support.at(day: 1.3))),
            .mail(
                .addressRequested(
                    member: Support.member("ada"), address: "ada@example.org", tokenHash: "00",
                    expiresAt: Support.at(day: 3))),
            .prompt(.posted(message: "prompt.1", theme: "practice", prompt: "p1", at: Support.at(day: 1.4))),
            .messageDelivered(
                id: "prompt.1",
                reference: PlatformMessageReference(platform: "slack", channel: "C1", messageID: "1.9")),
            .prompt(.replied(message: "prompt.1", member: Support.member("ada"), at: Support.at(day: 1.5))),
        ])
        return state
    }

    private static func dumped(_ value: Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
