import ConvenerCore

/// One schema upgrade from `fromVersion` to `fromVersion + 1`, as pure functions on raw JSON.
///
/// Migrations work on `JSONValue` so that the Swift types of old versions need not exist in code.
public struct StateMigration: Sendable {
    /// The version this migration reads; it produces `fromVersion + 1`.
    public let fromVersion: Int
    /// Upgrades the `state` member of a snapshot.
    public let migrateState: @Sendable (JSONValue) throws -> JSONValue
    /// Upgrades one change of a journal record.
    public let migrateChange: @Sendable (JSONValue) throws -> JSONValue

    /// A migration from `fromVersion` to `fromVersion + 1`.
    public init(
        fromVersion: Int,
        migrateState: @escaping @Sendable (JSONValue) throws -> JSONValue,
        migrateChange: @escaping @Sendable (JSONValue) throws -> JSONValue
    ) {
        self.fromVersion = fromVersion
        self.migrateState = migrateState
        self.migrateChange = migrateChange
    }
}

/// Runs the ordered migrations of a state type.
enum StoreMigrator {
    /// Checks that `migrations[i]` upgrades `i + 1` and that there is one per past version.
    static func validate<State: PersistentState>(_ type: State.Type) throws {
        let migrations = State.migrations
        guard migrations.count == State.formatVersion - 1,
            migrations.enumerated().allSatisfy({ $0.element.fromVersion == $0.offset + 1 })
        else {
            throw StoreError.invalidMigrations(
                "\(State.self) has formatVersion \(State.formatVersion) and migrations from versions "
                    + "\(migrations.map(\.fromVersion)); expected one migration from each of 1..<\(State.formatVersion)"
            )
        }
    }

    /// Upgrades a snapshot state written at `version` to the current version.
    static func migrateState<State: PersistentState>(
        _ value: JSONValue, from version: Int, as type: State.Type
    ) throws -> JSONValue {
        var value = value
        for migration in State.migrations[(version - 1)...] {
            value = try migration.migrateState(value)
        }
        return value
    }

    /// Upgrades one change written at `version` to the current version.
    static func migrateChange<State: PersistentState>(
        _ value: JSONValue, from version: Int, as type: State.Type
    ) throws -> JSONValue {
        var value = value
        for migration in State.migrations[(version - 1)...] {
            value = try migration.migrateChange(value)
        }
        return value
    }
}
