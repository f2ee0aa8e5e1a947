import ConvenerCore
import ConvenerStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ConvenerServer

/// A clock that stands still, so replies are deterministic.
struct FixedClock: WallClock {
    let date = Date(timeIntervalSince1970: 1_795_000_000)
    func now() -> Date { date }
}

/// Builds the app over a fresh state folder, runs `body` against it without a socket, then closes the state.
func withApp(
    playground: Bool = true,
    adminToken: String? = nil,
    _ body: @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convener-test-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let logger = Logger(label: "test")
    let opened = try await StateStore<CommunityState>.open(directory: directory, logger: logger)
    let runtime = CommunityRuntime(
        profile: CommunityProfile(id: "test", name: "Test", convenors: ["convenor"]),
        store: opened.store, state: opened.state, clock: FixedClock(), logger: logger
    )
    let app = buildApplication(
        settings: ServerSettings(host: "127.0.0.1", port: 0, playgroundEnabled: playground, adminToken: adminToken),
        runtimes: [runtime], timeline: PlaygroundTimeline(), logger: logger
    )
    do {
        try await app.test(.router, body)
    } catch {
        try await runtime.close()
        throw error
    }
    try await runtime.close()
}

func say(_ member: String, _ text: String) -> ByteBuffer {
    let body = try? JSONEncoder().encode(["member": member, "text": text])
    return ByteBuffer(bytes: body ?? Data())
}

@Suite("HTTP routes")
struct ServerRoutesTests {
    @Test("Health and readiness answer 200")
    func health() async throws {
        try await withApp { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("ready"))
            }
        }
    }

    @Test("A playground command gets its replies in the response")
    func playgroundCommand() async throws {
        try await withApp { client in
            try await client.execute(uri: "/playground/api/messages", method: .post, body: say("alice", "/cop me")) {
                response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains("playground:alice"))
                #expect(body.contains(#""ephemeral":true"#))
            }
        }
    }

    @Test("The playground is absent when disabled")
    func playgroundDisabled() async throws {
        try await withApp(playground: false) { client in
            try await client.execute(uri: "/playground", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/playground/api/messages", method: .post, body: say("a", "hi")) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test("With an admin token, the playground refuses requests without it")
    func adminToken() async throws {
        try await withApp(adminToken: "s3cret") { client in
            try await client.execute(uri: "/playground/api/messages", method: .post, body: say("a", "hi")) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(
                uri: "/playground/api/messages", method: .post, headers: [.authorization: "Bearer wrong"],
                body: say("a", "hi")
            ) { #expect($0.status == .unauthorized) }
            try await client.execute(
                uri: "/playground/api/messages", method: .post, headers: [.authorization: "Bearer s3cret"],
                body: say("a", "hi")
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/playground?token=s3cret", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.setCookie]?.contains("HttpOnly") == true)
            }
        }
    }

    @Test("Oversized bodies get 413, malformed JSON 400 with a reason")
    func badBodies() async throws {
        try await withApp { client in
            let big = ByteBuffer(repeating: UInt8(ascii: "x"), count: ConvenerRequestContext.maximumBodySize + 1)
            try await client.execute(uri: "/playground/api/messages", method: .post, body: big) {
                #expect($0.status == .contentTooLarge)
            }
            try await client.execute(
                uri: "/playground/api/messages", method: .post, body: ByteBuffer(string: #"{"member": 3, "text": "x"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("'member' must be a string"))
            }
        }
    }
}

@Suite("Playground timeline")
struct PlaygroundTimelineTests {
    @Test("Members see channel items and only their own DMs; ephemeral replies never enter")
    func visibility() async {
        let timeline = PlaygroundTimeline()
        let alice = MemberID(platform: "playground", user: "alice")
        let bob = MemberID(platform: "playground", user: "bob")
        await timeline.appendMemberMessage(id: "1", author: "alice", text: "hi")
        await timeline.appendIfVisible(OutboundMessage(id: "2", audience: .direct(bob), text: "psst"))
        await timeline.appendIfVisible(OutboundMessage(id: "3", audience: .ephemeral(alice), text: "only you"))
        await timeline.appendIfVisible(OutboundMessage(id: "4", audience: .channel, text: "all"))
        #expect(await timeline.items(for: alice, after: 0).items.map(\.message.id) == ["1", "4"])
        let bobs = await timeline.items(for: bob, after: 0)
        #expect(bobs.items.map(\.message.id) == ["1", "2", "4"])
        #expect(await timeline.items(for: bob, after: bobs.next).items.isEmpty)
    }

    @Test("The timeline keeps only the newest items")
    func capacity() async {
        let timeline = PlaygroundTimeline(capacity: 3)
        for n in 1...5 { await timeline.appendMemberMessage(id: "\(n)", author: "a", text: "") }
        let page = await timeline.items(for: MemberID(rawValue: "playground:a"), after: 0)
        #expect(page.items.map(\.message.id) == ["3", "4", "5"])
    }
}
