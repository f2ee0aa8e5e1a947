/// The worker's memory between passes: which lanes are busy, when each lane may send next, and which platforms
/// each queued entry still waits for.
actor DeliveryLaneBoard {
    private var busy: Set<String> = []
    private var nextSlot: [String: ContinuousClock.Instant] = [:]
    private var awaiting: [String: Set<String>] = [:]

    /// Whether the board already tracks `entryID` (so the durable references were consulted once).
    func tracks(_ entryID: String) -> Bool {
        awaiting[entryID] != nil
    }

    /// Starts tracking `entryID` with the platforms it still has to reach; returns them.
    func track(_ entryID: String, platforms: Set<String>) -> Set<String> {
        if let known = awaiting[entryID] { return known }
        awaiting[entryID] = platforms
        return platforms
    }

    /// The platforms `entryID` still has to reach (empty when untracked).
    func remaining(_ entryID: String) -> Set<String> {
        awaiting[entryID] ?? []
    }

    /// Records that `entryID` reached `platform`; true when it has now reached every platform it goes to.
    func complete(_ entryID: String, on platform: String) -> Bool {
        awaiting[entryID]?.remove(platform)
        return awaiting[entryID]?.isEmpty ?? true
    }

    /// Stops tracking every entry that is no longer queued (settled by the core, superseded, dead-lettered).
    func retain(_ queued: Set<String>) {
        awaiting = awaiting.filter { queued.contains($0.key) }
    }

    /// Stops tracking an entry that was settled or dead-lettered.
    func forget(_ entryID: String) {
        awaiting[entryID] = nil
    }

    /// Marks `lane` busy unless it already is or `limit` lanes are; true when the caller now owns it.
    func claim(_ lane: String, limit: Int) -> Bool {
        guard !busy.contains(lane), busy.count < limit else { return false }
        busy.insert(lane)
        return true
    }

    /// Whether `limit` lanes are busy, so no lane can be claimed.
    func isFull(limit: Int) -> Bool {
        busy.count >= limit
    }

    /// Frees a lane claimed earlier.
    func release(_ lane: String) {
        busy.remove(lane)
    }

    /// Reserves the lane's next send: now, or `pace` after the previous send when that is later.
    func reserveSlot(_ lane: String, pace: Duration) -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        let slot = max(now, nextSlot[lane] ?? now)
        nextSlot[lane] = slot + pace
        if nextSlot.count > 10_000 { nextSlot = nextSlot.filter { $0.value > now } }
        return slot
    }
}
