/// What the engine persists. The domain's state type conforms.
public protocol PersistentState: Codable, Sendable {
    /// One change; a journal record holds an ordered batch of them.
    associatedtype Change: Codable, Sendable

    /// The empty state of a new folder.
    init()

    /// Applies one change; replaying a record applies its changes in order.
    mutating func apply(_ change: Change)

    /// The schema version written into every snapshot and record; bump it on an incompatible change.
    static var formatVersion: Int { get }

    /// `migrations[i]` upgrades version `i + 1` to `i + 2`; there are `formatVersion - 1` of them.
    static var migrations: [StateMigration] { get }
}
