import ConvenerCore
import Foundation
import Logging
import Testing

@testable import ConvenerDelivery

/// An outbox in memory that records what was settled, dead-lettered and where messages landed.
actor FakeOutbox: OutboxSource {
    var entries: [OutboxEntry]
    var settled: [String] = []
    var dead: [String: String] = [:]
    var references: [String: PlatformMessageReference] = [:]

    init(ids: [String]) {
        entries = ids.map {
            OutboxEntry(message: OutboundMessage(id: $0, audience: .channel, text: $0), queuedAt: Date())
        }
    }

    init(entries: [OutboxEntry]) {
        self.entries = entries
    }

    func pendingOutbox() -> [OutboxEntry] { entries }

    func settle(_ messageIDs: [String]) {
        settled += messageIDs
        entries.removeAll { messageIDs.contains($0.message.id) }
    }

    func deadLetter(_ failures: [(id: String, reason: String)]) {
        for failure in failures { dead[failure.id] = failure.reason }
        entries.removeAll { dead[$0.message.id] != nil }
    }

    func recordDelivery(of messageID: String, at reference: PlatformMessageReference) {
        references["\(reference.platform) \(messageID)"] = reference
    }

    func deliveredReference(of messageID: String, on platform: String) -> PlatformMessageReference? {
        references["\(platform) \(messageID)"]
    }
}

/// A platform that fails for chosen ids, records the rest with what they edited, and hands out references.
actor FakePlatformLog {
    var sent: [(id: String, destination: String, edited: String?)] = []

    func append(_ id: String, _ destination: String, _ edited: String?) {
        sent.append((id, destination, edited))
    }

    var ids: [String] { sent.map(\.id) }
}

struct FakePlatform: DeliveryPlatform {
    let name: String
    let failing: Set<String>
    let impossible: Set<String>
    /// How long each send takes.
    let sendTime: Duration
    let log = FakePlatformLog()

    init(
        name: String = "fake", failing: Set<String> = [], impossible: Set<String> = [], sendTime: Duration = .zero
    ) {
        self.name = name
        self.failing = failing
        self.impossible = impossible
        self.sendTime = sendTime
    }

    struct Refused: Error {}

    var pace: Duration { .zero }

    func destination(of entry: OutboxEntry) throws -> String? {
        switch entry.message.audience {
        case .channel: "C1"
        case .direct(let member): member.platform == name ? member.user : nil
        case .ephemeral: nil
        }
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        let id = entry.message.id
        if sendTime > .zero { try await Task.sleep(for: sendTime) }
        if failing.contains(id) { throw Refused() }
        if impossible.contains(id) { throw PermanentDeliveryFailure(reason: "channel_not_found") }
        await log.append(id, destination, editing?.messageID)
        return editing ?? PlatformMessageReference(platform: name, channel: destination, messageID: "p-\(id)")
    }
}

private func worker(_ outbox: FakeOutbox, _ platforms: [any DeliveryPlatform]) -> OutboxWorker<FakeOutbox> {
    OutboxWorker(source: outbox, platforms: platforms, logger: Logger(label: "test"))
}

private func entry(_ id: String, updates: String? = nil, to audience: Audience = .channel) -> OutboxEntry {
    OutboxEntry(
        message: OutboundMessage(id: id, audience: audience, text: id, updates: updates),
        queuedAt: Date(timeIntervalSince1970: 0))
}

@Suite("Outbox worker")
struct OutboxWorkerTests {
    @Test("Delivers in order and settles what was delivered")
    func delivers() async {
        let outbox = FakeOutbox(ids: ["a", "b", "c"])
        let platform = FakePlatform()
        await worker(outbox, [platform]).deliverPending()
        #expect(await platform.log.ids == ["a", "b", "c"])
        #expect(await outbox.settled == ["a", "b", "c"])
        #expect(await outbox.entries.isEmpty)
    }

    @Test("One pass looks at the oldest messages only, so its cost does not grow with the outbox")
    func passLimit() async {
        let outbox = FakeOutbox(ids: ["a", "b", "c", "d", "e"])
        let platform = FakePlatform()
        let worker = OutboxWorker(source: outbox, platforms: [platform], passLimit: 2, logger: Logger(label: "test"))
        await worker.deliverPending()
        #expect(await platform.log.ids == ["a", "b"])
        #expect(await outbox.entries.map(\.message.id) == ["c", "d", "e"])
        await worker.deliverPending()
        await worker.deliverPending()
        #expect(await platform.log.ids == ["a", "b", "c", "d", "e"])
    }

    @Test("A failed delivery stays queued, and holds back its lane so order is kept")
    func keepsFailures() async {
        let outbox = FakeOutbox(entries: [
            entry("a"), entry("b"), entry("d", to: .direct(MemberID(platform: "fake", user: "U1"))),
        ])
        let platform = FakePlatform(failing: ["a"])
        await worker(outbox, [platform]).deliverPending()
        #expect(await platform.log.ids == ["d"])
        #expect(await outbox.entries.map(\.message.id) == ["a", "b"])
    }

    @Test("A permanent failure is dead-lettered with its reason; the rest are delivered")
    func deadLetters() async {
        let outbox = FakeOutbox(ids: ["a", "b", "c"])
        let platform = FakePlatform(failing: ["c"], impossible: ["a"])
        await worker(outbox, [platform]).deliverPending()
        #expect(await outbox.dead == ["a": "channel_not_found"])
        #expect(await outbox.settled == ["b"])
        #expect(await outbox.entries.map(\.message.id) == ["c"])
    }

    @Test("A channel post goes to every platform; one that failed is retried alone, without re-posting")
    func channelPostsReachEveryPlatform() async {
        let outbox = FakeOutbox(ids: ["a"])
        let good = FakePlatform(name: "good")
        let flaky = FakePlatform(name: "flaky", failing: ["a"])
        await worker(outbox, [good, flaky]).deliverPending()
        #expect(await good.log.ids == ["a"])
        #expect(await outbox.entries.map(\.message.id) == ["a"])
        #expect(await outbox.deliveredReference(of: "a", on: "good")?.messageID == "p-a")
        // A new worker (a restart) skips the platform already recorded as reached.
        let healed = FakePlatform(name: "flaky")
        await worker(outbox, [good, healed]).deliverPending()
        #expect(await good.log.ids == ["a"])
        #expect(await healed.log.ids == ["a"])
        #expect(await outbox.entries.isEmpty)
    }

    @Test("An update edits the recorded message; queued updates of one message are folded into the newest")
    func updatesEditInPlaceAndCoalesce() async {
        let outbox = FakeOutbox(entries: [entry("poll"), entry("u1", updates: "poll"), entry("u2", updates: "poll")])
        let platform = FakePlatform()
        await worker(outbox, [platform]).deliverPending()
        let sent = await platform.log.sent
        #expect(sent.map(\.id) == ["poll", "u2"])
        #expect(sent.last?.edited == "p-poll")
        #expect(await outbox.settled.sorted() == ["poll", "u1", "u2"])
        #expect(await outbox.deliveredReference(of: "u2", on: "fake")?.messageID == "p-poll")
    }

    @Test("A direct message no platform can reach is dead-lettered; an ephemeral one with no target is settled")
    func unreachable() async {
        let lost = MemberID(platform: "irc", user: "bob")
        let outbox = FakeOutbox(entries: [entry("dm", to: .direct(lost)), entry("eph", to: .ephemeral(lost))])
        await worker(outbox, [FakePlatform()]).deliverPending()
        #expect(await outbox.dead["dm"]?.contains("irc:bob") == true)
        #expect(await outbox.settled == ["eph"])
    }

    @Test("With every lane busy, the worker starts the next lanes as they free, not a poll interval later")
    func lanesFreeing() async throws {
        let members = (1...12).map { MemberID(platform: "fake", user: "u\($0)") }
        let outbox = FakeOutbox(entries: members.map { entry("dm-\($0.user)", to: .direct($0)) })
        let platform = FakePlatform(sendTime: .milliseconds(20))
        // Six rounds of two sends each. Waiting an hour's twentieth between rounds, as the worker used to, would
        // take 15 minutes, far past the bound below; the bound itself is that loose because parallel test suites can
        // starve this one of the machine's two threads for tens of seconds.
        let worker = OutboxWorker(
            source: outbox, platforms: [platform], pollInterval: .seconds(3_600), maxLanes: 2,
            logger: Logger(label: "test"))
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            while await outbox.settled.count < members.count, ContinuousClock.now - started < .seconds(300) {
                try await Task.sleep(for: .milliseconds(10))
            }
            group.cancelAll()
        }
        #expect(await outbox.settled.sorted() == members.map { "dm-\($0.user)" }.sorted())
    }

    @Test("Coalescing keeps originals and the newest update of each message, in queue order")
    func coalescing() {
        let pending = [entry("a"), entry("u1", updates: "a"), entry("b"), entry("u2", updates: "a")]
        let (live, superseded) = DeliveryCoalescing.coalesce(pending)
        #expect(live.map(\.message.id) == ["a", "b", "u2"])
        #expect(superseded == ["u1"])
    }

    @Test("libcurl is linked and reports its version")
    func curl() {
        #expect(CurlTransport.versionDescription.hasPrefix("libcurl/"))
    }
}
