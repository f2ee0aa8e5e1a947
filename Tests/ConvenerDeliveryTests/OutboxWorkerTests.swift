import ConvenerCore
import Foundation
import Logging
import Testing

@testable import ConvenerDelivery

/// An outbox in memory that records what was settled.
actor FakeOutbox: OutboxSource {
    var entries: [OutboxEntry]
    var settled: [String] = []
    var dead: [String: String] = [:]

    init(ids: [String]) {
        entries = ids.map {
            OutboxEntry(message: OutboundMessage(id: $0, audience: .channel, text: $0), queuedAt: Date())
        }
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
}

/// A sink that fails for chosen ids and records the rest.
actor FakeSink: MessageSink {
    let failing: Set<String>
    let impossible: Set<String>
    var delivered: [String] = []

    init(failing: Set<String> = [], impossible: Set<String> = []) {
        self.failing = failing
        self.impossible = impossible
    }

    struct Refused: Error {}

    func deliver(_ message: OutboundMessage) throws {
        if failing.contains(message.id) { throw Refused() }
        if impossible.contains(message.id) { throw PermanentDeliveryFailure(reason: "channel_not_found") }
        delivered.append(message.id)
    }
}

@Suite("Outbox worker")
struct OutboxWorkerTests {
    @Test("Delivers in order and settles what was delivered")
    func delivers() async {
        let outbox = FakeOutbox(ids: ["a", "b", "c"])
        let sink = FakeSink()
        await OutboxWorker(source: outbox, sink: sink, logger: Logger(label: "test")).deliverPending()
        #expect(await sink.delivered == ["a", "b", "c"])
        #expect(await outbox.settled == ["a", "b", "c"])
        #expect(await outbox.entries.isEmpty)
    }

    @Test("A failed delivery stays queued for the next pass")
    func keepsFailures() async {
        let outbox = FakeOutbox(ids: ["a", "b"])
        let sink = FakeSink(failing: ["a"])
        await OutboxWorker(source: outbox, sink: sink, logger: Logger(label: "test")).deliverPending()
        #expect(await sink.delivered == ["b"])
        #expect(await outbox.entries.map(\.message.id) == ["a"])
    }

    @Test("A permanent failure is dead-lettered with its reason; the rest are delivered")
    func deadLetters() async {
        let outbox = FakeOutbox(ids: ["a", "b", "c"])
        let sink = FakeSink(failing: ["c"], impossible: ["a"])
        await OutboxWorker(source: outbox, sink: sink, logger: Logger(label: "test")).deliverPending()
        #expect(await outbox.dead == ["a": "channel_not_found"])
        #expect(await outbox.settled == ["b"])
        #expect(await outbox.entries.map(\.message.id) == ["c"])
    }

    @Test("libcurl is linked and reports its version")
    func curl() {
        #expect(CurlTransport.versionDescription.hasPrefix("libcurl/"))
    }
}
