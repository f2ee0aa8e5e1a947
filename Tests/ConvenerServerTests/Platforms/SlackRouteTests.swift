import ConvenerCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ConvenerServer

@Suite("Slack routes")
struct SlackRouteTests {
    private let member = MemberID(platform: "slack", user: "U1")

    @Test("A command lands in the community bound to its channel")
    func twoCommunities() async throws {
        try await withPlatformApp { client, runtimes in
            let (status, _) = try await client.post(
                Signed.slack("/slack/commands", body: Signed.slackCommand("me", channel: PlatformFixture.uxSlack)))
            #expect(status == .ok)
            #expect(await runtimes[1].member(member) != nil)
            #expect(await runtimes[0].member(member) == nil)
            let (again, _) = try await client.post(
                Signed.slack(
                    "/slack/commands", body: Signed.slackCommand("me", channel: PlatformFixture.dataSlack, user: "U2")))
            #expect(again == .ok)
            #expect(await runtimes[0].member(MemberID(platform: "slack", user: "U2")) != nil)
        }
    }

    @Test("A convenor of the second community is a convenor in its channel")
    func convenorOfSecond() async throws {
        try await withPlatformApp { client, _ in
            let (status, body) = try await client.post(
                Signed.slack(
                    "/slack/commands", body: Signed.slackCommand("stats", channel: PlatformFixture.uxSlack, user: "UUX")
                )
            )
            #expect(status == .ok)
            #expect(!body.contains("Only the convenors"))
            #expect(!body.contains("Data Science"))
        }
    }

    @Test("A channel bound to no community is answered with the communities, and nothing is stored")
    func unboundChannel() async throws {
        try await withPlatformApp { client, runtimes in
            let (status, body) = try await client.post(
                Signed.slack("/slack/commands", body: Signed.slackCommand("me", channel: "C0NOWHERE9")))
            #expect(status == .ok)
            #expect(body.contains("belongs to no community"))
            #expect(body.contains("Data Science") && body.contains(PlatformFixture.uxSlack))
            #expect(body.contains("ephemeral"))
            for runtime in runtimes { #expect(await runtime.member(member) == nil) }
        }
    }

    @Test("--community picks the community from anywhere and is removed before the parser")
    func communityFlag() async throws {
        try await withPlatformApp { client, runtimes in
            let (status, body) = try await client.post(
                Signed.slack("/slack/commands", body: Signed.slackCommand("me --community ux", channel: "C0NOWHERE9")))
            #expect(status == .ok)
            #expect(!body.contains("Unknown") && !body.contains("--community"))
            #expect(await runtimes[1].member(member) != nil)
            #expect(await runtimes[0].member(member) == nil)
            let (_, unknown) = try await client.post(
                Signed.slack("/slack/commands", body: Signed.slackCommand("me --community nope", channel: "C0X000001")))
            #expect(unknown.contains("There is no community 'nope'"))
        }
    }

    @Test("A direct message from a member of two communities asks which one, with a button per community")
    func askWhichCommunity() async throws {
        try await withPlatformApp { client, runtimes in
            for channel in [PlatformFixture.dataSlack, PlatformFixture.uxSlack] {
                _ = try await client.post(
                    Signed.slack("/slack/commands", body: Signed.slackCommand("me", channel: channel)))
            }
            let (status, body) = try await client.post(
                Signed.slack("/slack/commands", body: Signed.slackCommand("me", channel: "D0DIRECT01")))
            #expect(status == .ok)
            #expect(body.contains("which one is this for"))
            #expect(body.contains("community.data") && body.contains("community.ux"))
            #expect(runtimes.count == 2)
        }
    }

    @Test("With one community and no bindings, everything goes to it")
    func singleCommunity() async throws {
        try await withPlatformApp([CommunityProfile(id: "solo", name: "Solo")]) { client, runtimes in
            let (status, _) = try await client.post(
                Signed.slack("/slack/commands", body: Signed.slackCommand("me", channel: "C0ANYWHERE")))
            #expect(status == .ok)
            #expect(await runtimes[0].member(member) != nil)
        }
    }

    @Test("Forged and stale requests are refused before anything is stored")
    func forgedAndStale() async throws {
        try await withPlatformApp { client, runtimes in
            let body = Signed.slackCommand("me", channel: PlatformFixture.dataSlack)
            let (forged, _) = try await client.post(Signed.slack("/slack/commands", body: body, secret: "wrong"))
            #expect(forged == .unauthorized)
            let (stale, _) = try await client.post(
                Signed.slack("/slack/commands", body: body, timestamp: PlatformFixture.now - 400))
            #expect(stale == .unauthorized)
            #expect(await runtimes[0].member(member) == nil)
        }
    }

    @Test("The same signed request twice is a replay: refused the second time")
    func replayed() async throws {
        try await withPlatformApp { client, _ in
            let request = Signed.slack(
                "/slack/commands", body: Signed.slackCommand("me", channel: PlatformFixture.dataSlack))
            let status1 = try await client.status(request)
            #expect(status1 == .ok)
            let status2 = try await client.status(request)
            #expect(status2 == .unauthorized)
        }
    }

    @Test("A retried event (same event id, new signature) is acted on once")
    func retried() async throws {
        try await withPlatformApp { client, runtimes in
            _ = try await client.post(
                Signed.slack("/slack/commands", body: Signed.slackCommand("me", channel: PlatformFixture.dataSlack)))
            let event = Signed.slackEvent(
                id: "Ev1",
                #"{"type":"reaction_added","user":"U1","reaction":"tada","item":{"type":"message","channel":"\#(PlatformFixture.dataSlack)","ts":"1.2"}}"#
            )
            let status3 = try await client.status(Signed.slack("/slack/events", body: event))
            #expect(status3 == .ok)
            let retry = Signed.slack("/slack/events", body: event, timestamp: PlatformFixture.now + 1)
            let status4 = try await client.status(retry)
            #expect(status4 == .ok)
            #expect(await runtimes[0].member(member)?.activity.reactions == 1)
        }
    }

    @Test("A member joining a bound channel joins that community (so the welcome rule can greet them)")
    func memberJoined() async throws {
        try await withPlatformApp { client, runtimes in
            let event = Signed.slackEvent(
                id: "Ev2", #"{"type":"member_joined_channel","user":"U1","channel":"\#(PlatformFixture.uxSlack)"}"#)
            let status5 = try await client.status(Signed.slack("/slack/events", body: event))
            #expect(status5 == .ok)
            #expect(await runtimes[1].member(member) != nil)
            #expect(await runtimes[0].member(member) == nil)
        }
    }

    @Test("A reaction counts as activity in the community of its channel")
    func reaction() async throws {
        try await withPlatformApp { client, runtimes in
            let event = Signed.slackEvent(
                id: "Ev3",
                #"{"type":"reaction_added","user":"U1","reaction":"+1","item":{"channel":"\#(PlatformFixture.uxSlack)"}}"#
            )
            let status6 = try await client.status(Signed.slack("/slack/events", body: event))
            #expect(status6 == .ok)
            #expect(await runtimes[1].member(member)?.activity.reactions == 1)
        }
    }

    @Test("An event from an unbound channel is acknowledged and dropped")
    func unboundEvent() async throws {
        try await withPlatformApp { client, runtimes in
            let event = Signed.slackEvent(
                id: "Ev4", #"{"type":"member_joined_channel","user":"U1","channel":"C0NOWHERE9"}"#)
            let status7 = try await client.status(Signed.slack("/slack/events", body: event))
            #expect(status7 == .ok)
            for runtime in runtimes { #expect(await runtime.member(member) == nil) }
        }
    }

    @Test("Oversized bodies are refused with 413, malformed ones with 400")
    func oversizedAndMalformed() async throws {
        try await withPlatformApp { client, _ in
            let huge = String(repeating: "x", count: ConvenerRequestContext.maximumBodySize + 1)
            let status8 = try await client.status(Signed.slack("/slack/commands", body: "text=" + huge))
            #expect(status8 == .contentTooLarge)
            let (status, body) = try await client.post(Signed.slack("/slack/commands", body: "command=%2Fcop&text=me"))
            #expect(status == .badRequest)
            #expect(body.contains("user_id"))
        }
    }

    @Test("Every reply reaches the member: the first is the answer, the others follow through response_url")
    func everyReply() async throws {
        try await withPlatformApp { client, runtimes in
            let bob = Signed.slackCommand("me", channel: PlatformFixture.dataSlack, user: "U2")
            _ = try await client.post(Signed.slack("/slack/commands", body: bob))
            let kudos = Signed.slackCommand("kudos <@U2|bob> for the help", channel: PlatformFixture.dataSlack)
            let (status, body) = try await client.post(Signed.slack("/slack/commands", body: kudos))
            #expect(status == .ok)
            #expect(body.contains("in_channel"))
            let queued = await runtimes[0].pendingOutbox().filter { $0.replyTarget?.platform == "slack" }
            #expect(queued.count == 1)
            #expect(queued.first?.message.audience == .ephemeral(member))
            #expect(queued.first?.replyTarget?.address["url"] == "https://hooks.slack.test/commands/1")
        }
    }

    @Test("A workspace join reaches the community bound to that workspace")
    func teamJoin() async throws {
        var data = PlatformFixture.data
        data.bindings[0].workspace = "T1"
        try await withPlatformApp([data, PlatformFixture.ux]) { client, runtimes in
            let event = Signed.slackEvent(id: "Ev5", #"{"type":"team_join","user":{"id":"U1","name":"ada"}}"#)
            let status = try await client.status(Signed.slack("/slack/events", body: event))
            #expect(status == .ok)
            #expect(await runtimes[0].member(member)?.displayName == "ada")
            #expect(await runtimes[1].member(member) == nil)
        }
    }
}
