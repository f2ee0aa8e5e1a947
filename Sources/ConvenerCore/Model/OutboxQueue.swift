/// The messages waiting for delivery, in queue order, each found by its message id without a scan.
///
/// Every delivery settles one message, usually not the oldest (each late reply has a lane of its own), while the
/// queue can hold thousands (a platform away, a burst of late replies). An array would scan and shift all of them
/// on every settlement; here a message leaves its slot empty in O(1), and the empty slots are dropped once they
/// outnumber the messages, so each removal costs O(1) amortised.
///
/// It reads as a collection of entries in queue order, and it is coded as a plain array of them, so snapshots and
/// journals written before it existed read the same.
public struct OutboxQueue: BidirectionalCollection, Codable, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// Queue order; nil where a message left before some of those queued ahead of it.
    private var slots: [OutboxEntry?] = []
    /// The first slot holding a message (`slots.count` when none does).
    private var head = 0
    /// The slot of the first message queued with each id.
    private var slotByID: [String: Int] = [:]
    /// Ids queued more than once (only a damaged journal does that): their later copies are found by a scan.
    private var repeatedIDs: Set<String> = []
    /// How many messages wait.
    public private(set) var count = 0
    /// How many of them are late replies (through a request's reply target), which a flood of requests can pile up.
    public private(set) var lateReplyCount = 0

    /// An empty outbox.
    public init() {}

    /// An outbox holding `entries`, in this order.
    public init(_ entries: some Sequence<OutboxEntry>) {
        for entry in entries { append(entry) }
    }

    public init(arrayLiteral entries: OutboxEntry...) {
        self.init(entries)
    }

    public init(from decoder: any Decoder) throws {
        self.init(try [OutboxEntry](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for entry in self { try container.encode(entry) }
    }

    public static func == (lhs: OutboxQueue, rhs: OutboxQueue) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    // MARK: Reading in queue order

    public var startIndex: Int { head }
    public var endIndex: Int { slots.count }
    public var isEmpty: Bool { count == 0 }

    public subscript(position: Int) -> OutboxEntry {
        guard let entry = slots[position] else { preconditionFailure("outbox index \(position) holds no message") }
        return entry
    }

    public func index(after position: Int) -> Int {
        var next = position + 1
        while next < slots.count, slots[next] == nil { next += 1 }
        return next
    }

    public func index(before position: Int) -> Int {
        var previous = position - 1
        while previous > head, slots[previous] == nil { previous -= 1 }
        return previous
    }

    /// The first message queued with `id`, if it still waits.
    public subscript(id id: String) -> OutboxEntry? {
        slotByID[id].flatMap { slots[$0] }
    }

    // MARK: Changing

    /// Queues `entry` last.
    public mutating func append(_ entry: OutboxEntry) {
        let id = entry.message.id
        if slotByID[id] == nil {
            slotByID[id] = slots.count
        } else {
            repeatedIDs.insert(id)
        }
        slots.append(entry)
        count += 1
        if entry.replyTarget != nil { lateReplyCount += 1 }
    }

    /// Takes the first message queued with `id` out of the queue and returns it; nil when none waits.
    @discardableResult
    public mutating func remove(id: String) -> OutboxEntry? {
        guard let slot = slotByID.removeValue(forKey: id), let entry = slots[slot] else { return nil }
        slots[slot] = nil
        count -= 1
        if entry.replyTarget != nil { lateReplyCount -= 1 }
        if repeatedIDs.contains(id) {
            if let later = slots[(slot + 1)...].firstIndex(where: { $0?.message.id == id }) {
                slotByID[id] = later
            } else {
                repeatedIDs.remove(id)
            }
        }
        dropEmptySlots(after: slot)
        return entry
    }

    /// Removes every message `leaves` picks; O(n), for the rare removals by content (a member forgotten).
    public mutating func removeAll(where leaves: (OutboxEntry) throws -> Bool) rethrows {
        var kept = OutboxQueue()
        for entry in self {
            if try !leaves(entry) { kept.append(entry) }
        }
        self = kept
    }

    /// Changes every waiting message in place with `change`; O(n), for the rare edits of content (a forgotten
    /// member's mentions).
    public mutating func updateMessages(_ change: (inout OutboundMessage) -> Void) {
        let edited = map { entry in
            var entry = entry
            change(&entry.message)
            return entry
        }
        self = OutboxQueue(edited)
    }

    /// Keeps `head` on the first message and the slots from growing with emptied ones: once empty slots outnumber
    /// the messages, the messages move to the front and their ids are indexed again (O(n), after n removals).
    private mutating func dropEmptySlots(after emptied: Int) {
        if count == 0 {
            lateReplyCount = 0
            slots.removeAll(keepingCapacity: true)
            slotByID.removeAll(keepingCapacity: true)
            repeatedIDs.removeAll()
            head = 0
            return
        }
        if emptied == head {
            while slots[head] == nil { head += 1 }
        }
        while slots.last.map({ $0 == nil }) ?? false { slots.removeLast() }
        let empty = slots.count - count
        guard empty > 64, empty > count else { return }
        let entries = Array(self)
        slots = entries.map(Optional.some)
        head = 0
        slotByID.removeAll(keepingCapacity: true)
        for (slot, entry) in entries.enumerated().reversed() { slotByID[entry.message.id] = slot }
    }
}
