import Testing

@testable import ConvenerDelivery

/// The worker waits for lanes to free instead of polling; the board wakes it on the release that frees enough.
@Suite("Delivery lane board")
struct DeliveryLaneBoardTests {
    @Test("Claims lanes up to the limit, never the same lane twice")
    func claims() {
        let board = DeliveryLaneBoard()
        #expect(board.claim("a", limit: 2))
        #expect(!board.claim("a", limit: 2))
        #expect(board.claim("b", limit: 2))
        #expect(board.isFull(limit: 2))
        #expect(!board.claim("c", limit: 2))
        board.release("a")
        #expect(!board.isFull(limit: 2))
        #expect(board.claim("c", limit: 2))
    }

    @Test("Waiting for free lanes returns once enough were released, not before")
    func wakesOnRelease() async {
        let board = DeliveryLaneBoard()
        for lane in ["a", "b", "c", "d"] { #expect(board.claim(lane, limit: 4)) }
        let released = ReleasedLanes()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await board.waitForFreeLanes(2, limit: 4)
                // Woken by the second release, not the first.
                #expect(await released.count == 2)
            }
            for lane in ["a", "b"] {
                try? await Task.sleep(for: .milliseconds(50))
                await released.add()
                board.release(lane)
            }
        }
    }

    @Test("Waiting returns at once when enough lanes are free already")
    func returnsAtOnce() async {
        let board = DeliveryLaneBoard()
        #expect(board.claim("a", limit: 4))
        await board.waitForFreeLanes(2, limit: 4)
    }

    @Test("A cancelled wait returns without any release")
    func cancelled() async {
        let board = DeliveryLaneBoard()
        #expect(board.claim("a", limit: 1))
        let waiting = Task { await board.waitForFreeLanes(1, limit: 1) }
        try? await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        await waiting.value
        #expect(board.isFull(limit: 1))
    }

    @Test("A lane's sends are paced; a lane that has not sent may send now")
    func paces() {
        let board = DeliveryLaneBoard()
        let first = board.reserveSlot("a", pace: .seconds(1))
        let second = board.reserveSlot("a", pace: .seconds(1))
        #expect(second - first == .seconds(1))
        #expect(board.reserveSlot("b", pace: .seconds(1)) <= .now)
    }
}

/// How many lanes the test has released so far.
private actor ReleasedLanes {
    private(set) var count = 0

    func add() { count += 1 }
}
