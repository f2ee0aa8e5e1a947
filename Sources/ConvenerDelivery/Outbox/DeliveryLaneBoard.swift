/// The worker's memory between passes: which lanes are busy, when each lane may send next, and which platforms
/// each queued entry still waits for.
actor DeliveryLaneBoard {
    private var busy: Set<String> = []
    private var nextSlot: [String: ContinuousClock.Instant] = [:]
    private var awaiting: [String: Set<String>] = [:]
    /// Entries that reached every platform they go to, in the order they did, until the worker settles them.
    private var delivered: [String] = []

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

    /// Records that `entryID` reached `platform`; once it reached every platform it goes to, it waits in
    /// `takeDelivered()` to be settled, still tracked (with nothing left to reach) so no pass sends it again.
    func complete(_ entryID: String, on platform: String) {
        awaiting[entryID]?.remove(platform)
        guard awaiting[entryID]?.isEmpty ?? true else { return }
        delivered.append(entryID)
    }

    /// The entries delivered everywhere since the last call, in the order they were; the caller settles them and
    /// then forgets them.
    func takeDelivered() -> [String] {
        defer { delivered.removeAll(keepingCapacity: true) }
        return delivered
    }

    /// Stops tracking every entry that is no longer queued (settled by the core, superseded, dead-lettered).
    func retain(_ queued: Set<String>) {
        awaiting = awaiting.filter { queued.contains($0.key) }
    }

    /// Stops tracking an entry that was settled or dead-lettered.
    func forget(_ entryID: String) {
        awaiting[entryID] = nil
    }

    /// Stops tracking entries that were settled.
    func forget(_ entryIDs: [String]) {
        for id in entryIDs { awaiting[id] = nil }
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
