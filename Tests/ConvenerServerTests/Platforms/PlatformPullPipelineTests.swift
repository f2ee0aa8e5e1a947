import ConvenerCore
import ConvenerPlatforms
import ConvenerStore
import Foundation
import Logging
import Synchronization
import Testing

@testable import ConvenerServer

/// A pull platform that records what it was asked to send at once; only a request without a room is direct.
private final class RecordingPullPlatform: PullPlatform {
    let sent = Mutex<[OutboundMessage]>([])

    var name: String { "pulled" }

    func isDirect(_ context: PlatformReplyContext) -> Bool {
        context.channelID == nil
    }

    func replyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget {
        OutboxReplyTarget(
            platform: name, address: ["room": context.channelID ?? ""], expiresAt: now.addingTimeInterval(60),
            maxReplies: 10)
    }

    func sendNow(_ message: OutboundMessage, answering request: PlatformRequest, now: Date) async throws {
        sent.withLock { $0.append(message) }
    }
}

/// Two communities bound to their own room of the pulled platform, over fresh state folders.
private func withPulledCommunities(
    _ body: (PlatformPullPipeline<RecordingPullPlatform>, RecordingPullPlatform, [CommunityRuntime]) async throws
        -> Void
) async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("convener-pull-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let logger = Logger(label: "test")
    var runtimes: [CommunityRuntime] = []
    for (id, room) in [("data", "!data:example.org"), ("ux", "!ux:example.org")] {
        let profile = CommunityProfile(
            id: id, name: id, convenors: [], bindings: [CommunityBinding(platform: "pulled", channels: [room])])
        let opened = try await StateStore<CommunityState>.open(directory: "\(root)/\(id)", logger: logger)
        runtimes.append(
            CommunityRuntime(
                profile: profile, store: opened.store, state: opened.state, clock: FixedClock(), logger: logger))
    }
    let platform = RecordingPullPlatform()
    let pipeline = PlatformPullPipeline(
        platform: platform, directory: CommunityDirectory(runtimes: runtimes), clock: FixedClock(), logger: logger)
    do {
        try await body(pipeline, platform, runtimes)
    } catch {
        for runtime in runtimes { try? await runtime.close() }
        throw error
    }
    for runtime in runtimes { try await runtime.close() }
}

private func command(_ text: String, in room: String, by user: String = "@ada:example.org") -> PlatformInbound {
    .input(
        PlatformRequest(
            input: Input(
                id: "pulled.\(UUID())", member: MemberID(platform: "pulled", user: user), displayName: "ada",
                event: .command(text)),
            context: PlatformReplyContext(platform: "pulled", channelID: room)))
}

@Suite("Pulled events")
struct PlatformPullPipelineTests {
    @Test("an event runs in the community of its room, and every reply is queued for the reply target")
    func routedAndQueued() async throws {
        try await withPulledCommunities { pipeline, platform, runtimes in
            try await pipeline.handle(command("me", in: "!ux:example.org"))
            let ada = MemberID(platform: "pulled", user: "@ada:example.org")
            #expect(await runtimes[1].member(ada) != nil)
            #expect(await runtimes[0].member(ada) == nil)
            let queued = await runtimes[1].pendingOutbox()
            #expect(!queued.isEmpty)
            #expect(queued.allSatisfy { $0.replyTarget?.platform == "pulled" })
            #expect(queued.allSatisfy { $0.replyTarget?.address["room"] == "!ux:example.org" })
            #expect(platform.sent.withLock { $0 }.isEmpty)
        }
    }

    @Test("a join in a bound room is the member joining that community")
    func joins() async throws {
        try await withPulledCommunities { pipeline, _, runtimes in
            let bob = MemberID(platform: "pulled", user: "@bob:example.org")
            try await pipeline.handle(
                .memberJoined(
                    PlatformMemberEvent(eventID: "$j", member: bob, displayName: "bob", channelID: "!data:example.org"))
            )
            #expect(await runtimes[0].member(bob)?.displayName == "bob")
            #expect(await runtimes[1].member(bob) == nil)
        }
    }

    @Test("a command from a room no community lives in is answered at once and lands nowhere")
    func unbound() async throws {
        try await withPulledCommunities { pipeline, platform, runtimes in
            try await pipeline.handle(command("me", in: "!elsewhere:example.org", by: "@lost:example.org"))
            let lost = MemberID(platform: "pulled", user: "@lost:example.org")
            for runtime in runtimes {
                #expect(await runtime.member(lost) == nil)
                #expect(await runtime.pendingOutbox().isEmpty)
            }
            let answers = platform.sent.withLock { $0 }
            #expect(answers.count == 1)
            #expect(answers.first?.text.contains("belongs to no community") == true)
        }
    }
}

@Suite("Platform state files")
struct PlatformStateFileTests {
    private struct Cursor: Codable, Sendable, Equatable {
        var token: String?
        var seen: [String] = []
    }

    @Test("a change is durable: a new reader sees it; a file that does not decode is an error naming it")
    func durable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convener-psf-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/platforms/matrix.json"
        let file = try PlatformStateFile(path: path, initial: Cursor())
        #expect(await file.value == Cursor())
        try await file.update { $0.token = "s1" }
        try await file.update { $0.seen.append("$e") }
        let reopened = try PlatformStateFile(path: path, initial: Cursor())
        #expect(await reopened.value == Cursor(token: "s1", seen: ["$e"]))
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: PlatformStateFileError.self) {
            _ = try PlatformStateFile(path: path, initial: Cursor())
        }
        #expect(error.map { "\($0)".contains(path) } == true)
    }
}
