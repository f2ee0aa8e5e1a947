import Synchronization

/// The worker's memory between passes: which lanes are busy, when each lane may send next, and which platforms
/// each queued entry still waits for.
///
/// A lock rather than an actor: a late reply asks it about ten short questions on its way out, and each was a hop
/// to the actor and back.
final class DeliveryLaneBoard: Sendable {
    private struct Board {
        var busy: Set<String> = []
        var nextSlot: [String: ContinuousClock.Instant] = [:]
        var awaiting: [String: Set<String>] = [:]
        /// The worker waiting until at most `busy` lanes are busy.
        var freeLaneWaiter: (busy: Int, turn: CheckedContinuation<Void, Never>)?
    }

    private let board = Mutex(Board())

    /// Whether the board already tracks `entryID` (so the durable references were consulted once).
    func tracks(_ entryID: String) -> Bool {
        board.withLock { $0.awaiting[entryID] != nil }
    }

    /// Starts tracking `entryID` with the platforms it still has to reach; returns them.
    func track(_ entryID: String, platforms: Set<String>) -> Set<String> {
        board.withLock { board in
            if let known = board.awaiting[entryID] { return known }
            board.awaiting[entryID] = platforms
            return platforms
        }
    }

    /// The platforms `entryID` still has to reach (empty when untracked).
    func remaining(_ entryID: String) -> Set<String> {
        board.withLock { $0.awaiting[entryID] ?? [] }
    }

    /// Records that `entryID` reached `platform`; true when it has now reached every platform it goes to.
    func complete(_ entryID: String, on platform: String) -> Bool {
        board.withLock { board in
            board.awaiting[entryID]?.remove(platform)
            return board.awaiting[entryID]?.isEmpty ?? true
        }
    }

    /// Stops tracking every entry that is no longer queued (settled by the core, superseded, dead-lettered).
    func retain(_ queued: Set<String>) {
        board.withLock { $0.awaiting = $0.awaiting.filter { queued.contains($0.key) } }
    }

    /// Stops tracking an entry that was settled or dead-lettered.
    func forget(_ entryID: String) {
        board.withLock { $0.awaiting[entryID] = nil }
    }

    /// Marks `lane` busy unless it already is or `limit` lanes are; true when the caller now owns it.
    func claim(_ lane: String, limit: Int) -> Bool {
        board.withLock { board in
            guard !board.busy.contains(lane), board.busy.count < limit else { return false }
            board.busy.insert(lane)
            return true
        }
    }

    /// Whether `limit` lanes are busy, so no lane can be claimed.
    func isFull(limit: Int) -> Bool {
        board.withLock { $0.busy.count >= limit }
    }

    /// Frees a lane claimed earlier, waking the worker when enough lanes are free.
    func release(_ lane: String) {
        let woken = board.withLock { board -> CheckedContinuation<Void, Never>? in
            board.busy.remove(lane)
            guard let waiter = board.freeLaneWaiter, board.busy.count <= waiter.busy else { return nil }
            board.freeLaneWaiter = nil
            return waiter.turn
        }
        woken?.resume()
    }

    /// Returns once `count` of `limit` lanes are free, or the task is cancelled. Waking on releases instead of
    /// polling lets a busy worker start new lanes as soon as they free, without a timer a hundred times a second.
    func waitForFreeLanes(_ count: Int, limit: Int) async {
        let busy = max(limit - count, 0)
        await withTaskCancellationHandler {
            await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
                let resumeNow = board.withLock { board -> Bool in
                    if board.busy.count <= busy || Task.isCancelled { return true }
                    board.freeLaneWaiter = (busy, turn)
                    return false
                }
                if resumeNow { turn.resume() }
            }
        } onCancel: {
            let waiter = board.withLock { board in
                defer { board.freeLaneWaiter = nil }
                return board.freeLaneWaiter
            }
            waiter?.turn.resume()
        }
    }

    /// Reserves the lane's next send: now, or `pace` after the previous send when that is later.
    func reserveSlot(_ lane: String, pace: Duration) -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        return board.withLock { board in
            let slot = max(now, board.nextSlot[lane] ?? now)
            board.nextSlot[lane] = slot + pace
            if board.nextSlot.count > 10_000 { board.nextSlot = board.nextSlot.filter { $0.value > now } }
            return slot
        }
    }
}
