import ConvenerCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ConvenerServer

@Suite("Mattermost routes")
struct MattermostRouteTests {
    private let member = MemberID(platform: "mattermost", user: "mmuser1")

    @Test("A command lands in the community bound to its channel")
    func twoCommunities() async throws {
        try await withPlatformApp { client, runtimes in
            let (status, body) = try await client.post(
                Signed.mattermostCommand("me", channel: PlatformFixture.uxMattermost))
            #expect(status == .ok)
            #expect(body.contains("ephemeral"))
            #expect(await runtimes[1].member(member) != nil)
            #expect(await runtimes[0].member(member) == nil)
        }
    }

    @Test("A channel bound to no community is answered with the communities")
    func unboundChannel() async throws {
        try await withPlatformApp { client, runtimes in
            let (status, body) = try await client.post(
                Signed.mattermostCommand("me", channel: "nowherenowherenowherenowh1"))
            #expect(status == .ok)
            #expect(body.contains("belongs to no community"))
            for runtime in runtimes { #expect(await runtime.member(member) == nil) }
        }
    }

    @Test("A wrong command token is refused with 401")
    func forged() async throws {
        try await withPlatformApp { client, runtimes in
            let (status, _) = try await client.post(
                Signed.mattermostCommand("me", channel: PlatformFixture.dataMattermost, token: "wrong"))
            #expect(status == .unauthorized)
            #expect(await runtimes[0].member(member) == nil)
        }
    }

    @Test("A retried command (the same trigger) runs once: Mattermost now goes through the retry gate")
    func retried() async throws {
        try await withPlatformApp { client, _ in
            let request = Signed.mattermostCommand("me", channel: PlatformFixture.dataMattermost, trigger: "same")
            let (first, answer) = try await client.post(request)
            #expect(first == .ok && answer.contains("ephemeral"))
            let (second, retry) = try await client.post(request)
            #expect(second == .ok)
            #expect(retry.isEmpty)
        }
    }

    @Test("A click whose signed context was forged is refused; malformed and oversized bodies too")
    func forgedClickMalformedOversized() async throws {
        try await withPlatformApp { client, _ in
            let click =
                #"{"user_id":"mmuser1","channel_id":"\#(PlatformFixture.dataMattermost)","context":{"convener":"#
                + #"{"message":"m","action":"a","sig":"00"}}}"#
            let (forged, _) = try await client.post(
                ("/mattermost/actions", [.contentType: "application/json"], ByteBuffer(string: click)))
            #expect(forged == .unauthorized)
            let (malformed, _) = try await client.post(
                ("/mattermost/actions", [.contentType: "application/json"], ByteBuffer(string: "{not json")))
            #expect(malformed == .badRequest)
            let huge = String(repeating: "x", count: ConvenerRequestContext.maximumBodySize + 1)
            let (oversized, _) = try await client.post(
                ("/mattermost/commands", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: huge))
            )
            #expect(oversized == .contentTooLarge)
        }
    }

    @Test("A direct channel (named after its two members) routes by membership and asks a member of both")
    func directChannel() async throws {
        try await withPlatformApp { client, _ in
            for (channel, trigger) in [(PlatformFixture.dataMattermost, "d1"), (PlatformFixture.uxMattermost, "d2")] {
                _ = try await client.post(Signed.mattermostCommand("me", channel: channel, trigger: trigger))
            }
            let (status, body) = try await client.post(
                Signed.mattermostCommand(
                    "me", channel: "directdirectdirectdirectdi", trigger: "d3", channelName: "mmuser1__botuser"))
            #expect(status == .ok)
            #expect(body.contains("which one is this for"))
        }
    }

    @Test("Replies after the first follow through the command's response_url")
    func everyReply() async throws {
        try await withPlatformApp { client, runtimes in
            _ = try await client.post(
                Signed.mattermostCommand(
                    "me", channel: PlatformFixture.dataMattermost, trigger: "k0", user: "mmuser2", userName: "bob"))
            let kudos = Signed.mattermostCommand(
                "kudos @bob for the help", channel: PlatformFixture.dataMattermost, trigger: "k1")
            let (status, body) = try await client.post(kudos)
            #expect(status == .ok)
            #expect(body.contains("in_channel"))
            let queued = await runtimes[0].pendingOutbox().filter { $0.replyTarget?.platform == "mattermost" }
            #expect(queued.count == 1)
            #expect(queued.first?.message.audience == .ephemeral(member))
        }
    }
}
