/// What a community runtime needs of the place its state lives: a JSON state folder (`StateStore`, the embedded
/// default) or a PostgreSQL database that several daemons share (`PostgresStateStore`).
///
/// The caller keeps the live state in memory, applies changes there, `enqueue`s them and awaits
/// `waitUntilDurable` before acknowledging anything.
public protocol StateStoring<State>: AnyObject, Sendable {
    /// The state it persists.
    associatedtype State: PersistentState

    /// Where the state lives, for messages: a folder, or a community in a database (never a password).
    var location: String { get }

    /// True when other processes append to the same journal: the caller then reduces one input at a time, catches
    /// up with `catchUp()` first, and on `StoreError.conflict` rolls its state back, catches up and reduces again.
    var isShared: Bool { get }

    /// The ticket of the last enqueued (or recovered) record.
    var lastTicket: JournalTicket { get }

    /// Assigns the next sequence number and buffers the record; pool writes become durable with it.
    func enqueue(_ changes: [State.Change], pools: [SealedPoolWrite]) throws -> JournalTicket

    /// Returns once the ticket's record is durable (committed); concurrent waiters share one write.
    func waitUntilDurable(_ ticket: JournalTicket) async throws

    /// The records other processes appended since this one last wrote or caught up, in order; with `reset`, the
    /// state to start from first (a compaction dropped records this process had not seen). Throws when something
    /// is still buffered. A store only this process writes has nothing to catch up with.
    func catchUp() async throws -> StoreCatchUp<State>

    /// Whether this process delivers the outbox now. A store only this process writes always does; a shared store
    /// does while it holds the community's delivery lease, taken or renewed for `seconds` on the database's clock.
    func holdDeliveryLease(seconds: Int) async -> Bool

    /// The pools that have a sealed file (or row).
    var sealedPools: [String] { get }

    /// Where pool `pool` is kept, for messages.
    func sealedPoolPath(_ pool: String) -> String

    /// Pool `pool`'s plaintext opened with `key`, or nil when it has none.
    func readSealedPool(_ pool: String, key: [UInt8]) async throws -> [UInt8]?

    /// True when the journal since the last snapshot passed the compaction thresholds.
    var needsCompaction: Bool { get }

    /// The sequence number of the last record the snapshot covers.
    var snapshotSequence: UInt64 { get }

    /// The oldest record still kept in the journal, or nil when it keeps none.
    var oldestJournaledSequence: UInt64? { get }

    /// Writes `state` (which reflects every record up to `ticket`) as the snapshot and drops the journal it covers.
    func compact(_ state: State, through ticket: JournalTicket) async throws

    /// After a compaction that erased something (a closed anonymous poll's links, a forgotten member): makes the
    /// deleted records' bytes leave the store's files as far as it can without blocking anyone. A state folder has
    /// nothing to do (the compaction removed the files); the database runs a plain `VACUUM` of its tables. Run it
    /// off the request path.
    func reclaimErasedSpace() async throws

    /// Flushes everything buffered and releases the store.
    func close() async throws
}

/// What `StateStoring.catchUp()` found.
public struct StoreCatchUp<State: PersistentState>: Sendable {
    /// The state to start from before applying `records`, when the records in between are gone.
    public var reset: State?
    /// Records appended by other processes, oldest first: each an ordered batch of changes.
    public var records: [[State.Change]]
    /// Sealed pools other processes wrote since (apply them after the records).
    public var pools: [SealedPoolContent]

    /// Nothing new.
    public static var none: StoreCatchUp<State> { StoreCatchUp(reset: nil, records: [], pools: []) }

    /// Whether there is anything to apply.
    public var isEmpty: Bool { reset == nil && records.isEmpty && pools.isEmpty }
}

/// One sealed pool as another process left it.
public struct SealedPoolContent: Sendable {
    /// The pool.
    public let pool: String
    /// Its sealed bytes, or nil when it was removed.
    let sealed: [UInt8]?
    /// Where it is kept, for messages.
    let location: String

    /// The plaintext, opened with `key`; nil when the pool was removed.
    public func open(key: [UInt8]) throws -> [UInt8]? {
        guard let sealed else { return nil }
        return try StoreSealedPool.open(sealed, pool: pool, key: key, file: "sealed pool \(pool) of \(location)")
    }
}

extension StateStore: StateStoring {
    public var location: String { directory }

    /// A state folder is locked by one process.
    public var isShared: Bool { false }

    /// Nobody else writes a locked folder.
    public func catchUp() async throws -> StoreCatchUp<State> { .none }

    /// The only process that writes the folder delivers its outbox.
    public func holdDeliveryLease(seconds: Int) async -> Bool { true }

    /// The compaction already removed the segment files that held the erased records.
    public func reclaimErasedSpace() async throws {}
}
