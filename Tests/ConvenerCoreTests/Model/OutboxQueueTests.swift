import Foundation
import Testing

@testable import ConvenerCore

/// The outbox finds a message by id and keeps queue order whatever leaves it, in whichever order.
@Suite("Outbox queue")
struct OutboxQueueTests {
    static func entry(_ id: String, text: String = "hello") -> OutboxEntry {
        OutboxEntry(
            message: OutboundMessage(id: id, audience: .channel, text: text), queuedAt: Date(timeIntervalSince1970: 0))
    }

    static func ids(_ queue: OutboxQueue) -> [String] { queue.map(\.message.id) }

    @Test("Messages leave by id from the front, the middle and the end, and the rest stay in queue order")
    func removalsKeepOrder() {
        var queue: OutboxQueue = [Self.entry("a"), Self.entry("b"), Self.entry("c"), Self.entry("d")]
        let middle = queue.remove(id: "b")
        #expect(middle?.message.id == "b")
        #expect(Self.ids(queue) == ["a", "c", "d"])
        queue.remove(id: "a")
        #expect(queue.first?.message.id == "c")
        queue.remove(id: "d")
        #expect(queue.last?.message.id == "c")
        #expect(queue.count == 1)
        let again = queue.remove(id: "d")
        let unknown = queue.remove(id: "nobody")
        #expect(again == nil && unknown == nil)
        queue.append(Self.entry("e"))
        #expect(Self.ids(queue) == ["c", "e"])
        #expect(Self.ids(OutboxQueue(queue.reversed())) == ["e", "c"])
        queue.remove(id: "c")
        queue.remove(id: "e")
        #expect(queue.isEmpty && queue.first == nil && Self.ids(queue).isEmpty)
    }

    @Test("Lookups by id find the waiting message, and none once it left")
    func lookupsByID() {
        var queue: OutboxQueue = [Self.entry("a", text: "first"), Self.entry("b", text: "second")]
        #expect(queue[id: "b"]?.message.text == "second")
        queue.remove(id: "b")
        #expect(queue[id: "b"] == nil)
        #expect(queue[id: "a"]?.message.text == "first")
    }

    @Test("Thousands of settlements in a scattered order leave exactly the others, in order, found by id")
    func scatteredSettlementsCompact() {
        var queue = OutboxQueue((0..<5_000).map { Self.entry("m\($0)") })
        // Every third message leaves, from the back, then every other of the rest from the front: empty slots
        // pile up in the middle and at both ends, and are dropped along the way.
        var removed = 0
        for n in stride(from: 4_998, through: 0, by: -3) where queue.remove(id: "m\(n)") != nil { removed += 1 }
        #expect(removed == 1_667)
        let kept = (0..<5_000).filter { $0 % 3 != 0 }
        for n in kept.enumerated().filter({ $0.offset % 2 == 0 }).map(\.element) { queue.remove(id: "m\(n)") }
        let expected = kept.enumerated().filter { $0.offset % 2 == 1 }.map { "m\($0.element)" }
        #expect(Self.ids(queue) == expected)
        #expect(queue.count == expected.count)
        for id in expected.prefix(50) { #expect(queue[id: id]?.message.id == id) }
        queue.append(Self.entry("new"))
        #expect(queue.last?.message.id == "new" && queue.count == expected.count + 1)
    }

    @Test("A message queued twice (a damaged journal) is found again after its first copy left")
    func repeatedIDs() {
        var queue: OutboxQueue = [Self.entry("a", text: "one"), Self.entry("b"), Self.entry("a", text: "two")]
        let first = queue.remove(id: "a")
        #expect(first?.message.text == "one")
        #expect(queue[id: "a"]?.message.text == "two")
        let second = queue.remove(id: "a")
        #expect(second?.message.text == "two")
        #expect(Self.ids(queue) == ["b"])
    }

    @Test("It is coded as a plain array of entries, so older snapshots read the same")
    func codedAsArray() throws {
        var queue: OutboxQueue = [Self.entry("a"), Self.entry("b"), Self.entry("c")]
        queue.remove(id: "a")
        let data = try JSONEncoder().encode(queue)
        let asArray = try JSONDecoder().decode([OutboxEntry].self, from: data)
        #expect(asArray.map(\.message.id) == ["b", "c"])
        let decoded = try JSONDecoder().decode(OutboxQueue.self, from: try JSONEncoder().encode(asArray))
        #expect(decoded == queue)
        #expect(decoded != [Self.entry("c"), Self.entry("b")])
    }

    @Test("Settling and dead-lettering through the state take the message out by id")
    func stateAppliesByID() {
        var state = CommunityState()
        let at = Date(timeIntervalSince1970: 0)
        state.apply([.messageQueued(Self.entry("a")), .messageQueued(Self.entry("b")), .messageQueued(Self.entry("c"))])
        state.apply([.messageSettled(id: "b", at: at), .messageDeadLettered(id: "c", reason: "gone", at: at)])
        #expect(Self.ids(state.outbox) == ["a"])
        #expect(state.deadLetters.map(\.message.id) == ["c"])
        state.apply([.messageSettled(id: "c", at: at), .messageSettled(id: "a", at: at)])
        #expect(state.outbox.isEmpty)
    }
}
