import ConvenerCore
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ConvenerServer

@Suite("Discord routes")
struct DiscordRouteTests {
    private let member = MemberID(platform: "discord", user: "80351110224678912")

    @Test("A command lands in the community bound to its channel, answered inline")
    func twoCommunities() async throws {
        try await withPlatformApp { client, runtimes in
            let (status, body) = try await client.post(
                Signed.discord(Signed.discordCommand("me", id: "1", channel: PlatformFixture.uxDiscord)))
            #expect(status == .ok)
            #expect(body.contains(#""type":4"#))
            #expect(await runtimes[1].member(member) != nil)
            #expect(await runtimes[0].member(member) == nil)
        }
    }

    @Test("A guild channel bound to no community is answered with the communities")
    func unboundChannel() async throws {
        try await withPlatformApp { client, runtimes in
            let (status, body) = try await client.post(
                Signed.discord(Signed.discordCommand("me", id: "2", channel: "999999999999999999")))
            #expect(status == .ok)
            #expect(body.contains("belongs to no community"))
            #expect(body.contains(PlatformFixture.dataDiscord))
            for runtime in runtimes { #expect(await runtime.member(member) == nil) }
        }
    }

    @Test("Forged, stale and replayed interactions are refused with 401")
    func forgedStaleReplayed() async throws {
        try await withPlatformApp { client, runtimes in
            let impostor = Curve25519.Signing.PrivateKey()
            let body = Signed.discordCommand("me", id: "3", channel: PlatformFixture.dataDiscord)
            let status1 = try await client.status(Signed.discord(body, key: impostor))
            #expect(status1 == .unauthorized)
            #expect(
                try await client.status(Signed.discord(body, timestamp: PlatformFixture.now - 400))
                    == .unauthorized)
            #expect(await runtimes[0].member(member) == nil)
            let valid = Signed.discord(body)
            let status2 = try await client.status(valid)
            #expect(status2 == .ok)
            let status3 = try await client.status(valid)
            #expect(status3 == .unauthorized)
        }
    }

    @Test("A retried interaction (same id, new signature) is acted on once")
    func retried() async throws {
        try await withPlatformApp { client, _ in
            let body = Signed.discordCommand("me", id: "4", channel: PlatformFixture.dataDiscord)
            let (first, answer) = try await client.post(Signed.discord(body))
            #expect(first == .ok && answer.contains(#""type":4"#))
            let (second, retry) = try await client.post(Signed.discord(body, timestamp: PlatformFixture.now + 1))
            #expect(second == .ok)
            #expect(!retry.contains(#""type":4"#))
        }
    }

    @Test("Malformed and oversized interactions are refused")
    func malformedAndOversized() async throws {
        try await withPlatformApp { client, _ in
            let status4 = try await client.status(Signed.discord(#"{"type":2}"#))
            #expect(status4 == .badRequest)
            let huge = String(repeating: " ", count: ConvenerRequestContext.maximumBodySize + 1)
            let status5 = try await client.status(Signed.discord(huge))
            #expect(status5 == .contentTooLarge)
        }
    }
}
