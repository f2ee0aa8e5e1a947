import ConvenerCore
import Foundation
import Logging

/// The library side of `convener state verify|export|import|compact`.
public enum StateStoreTools {
    /// Checks every CRC and sequence number and replays the journal; read-only, so it needs no lock and
    /// reports (never cuts) a torn tail. Throws the same precise errors start-up would.
    public static func verify<State: PersistentState>(
        directory: String, as type: State.Type, fileSystem: some StoreFileSystem = PosixFileSystem()
    ) throws -> VerifyReport {
        let result = try StoreRecovery<State>(directory: directory, fileSystem: fileSystem).load()
        return VerifyReport(
            snapshotFormatVersion: result.snapshotFormatVersion, snapshotSeq: result.snapshotSeq,
            lastSeq: result.lastSeq, recordsChecked: result.recordsChecked, recordsReplayed: result.recordsReplayed,
            segments: result.segments.map(\.name), tornTail: result.tornTail
        )
    }

    /// The recovered state as one JSON document `{"formatVersion":…,"seq":…,"state":…}` (sorted keys).
    public static func export<State: PersistentState>(
        directory: String, as type: State.Type, fileSystem: some StoreFileSystem = PosixFileSystem()
    ) throws -> Data {
        let result = try StoreRecovery<State>(directory: directory, fileSystem: fileSystem).load()
        return try document(result.state, seq: result.lastSeq)
    }

    /// Writes an exported document as the snapshot of a new folder; refuses a folder that has any file.
    ///
    /// Documents of older format versions are migrated; newer ones are refused.
    public static func importState<State: PersistentState>(
        _ data: Data, into directory: String, as type: State.Type,
        fileSystem: some StoreFileSystem = PosixFileSystem()
    ) throws {
        let (seq, state) = try decodeDocument(data, as: State.self)
        let snapshot = StoreRecordFormat.encodeSnapshot(
            formatVersion: State.formatVersion, seq: seq, state: try StoreCoding.encode(state))
        let existing = try fileSystem.contentsOfDirectory(at: directory) ?? []
        guard existing.isEmpty else { throw StoreError.notEmpty(directory: directory, entries: existing) }
        try fileSystem.createDirectory(at: directory)
        let lock = try fileSystem.lockExclusively(at: StoreLayout.path(directory, StoreLayout.lock))
        defer { try? fileSystem.unlock(lock) }
        let now = (try fileSystem.contentsOfDirectory(at: directory) ?? []).filter { $0 != StoreLayout.lock }
        guard now.isEmpty else { throw StoreError.notEmpty(directory: directory, entries: now) }
        try StoreSnapshotWriter.write(snapshot, directory: directory, fileSystem: fileSystem)
    }

    /// The sequence number and state of an exported document, migrated to the current format version.
    static func decodeDocument<State: PersistentState>(
        _ data: Data, as type: State.Type
    ) throws -> (seq: UInt64, state: State) {
        try StoreMigrator.validate(State.self)
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw StoreError.invalidDocument(reason: "not JSON: \(error)")
        }
        guard case .int(let version)? = document["formatVersion"], version >= 1 else {
            throw StoreError.invalidDocument(reason: "missing or invalid \"formatVersion\" (a positive integer)")
        }
        guard version <= State.formatVersion else {
            throw StoreError.newerFormat(
                file: "import document", offset: 0, found: Int(version), supported: State.formatVersion)
        }
        guard case .int(let seq)? = document["seq"], seq >= 0 else {
            throw StoreError.invalidDocument(reason: "missing or invalid \"seq\" (a non-negative integer)")
        }
        guard let rawState = document["state"] else {
            throw StoreError.invalidDocument(reason: "missing \"state\"")
        }
        let migrated = try StoreMigrator.migrateState(rawState, from: Int(version), as: State.self)
        let state: State
        do {
            state = try JSONDecoder().decode(State.self, from: Data(try StoreCoding.encode(migrated)))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.invalidDocument(reason: "\"state\" does not decode: \(error)")
        }
        return (UInt64(seq), state)
    }

    /// The export document of `state` at `seq`.
    static func document<State: PersistentState>(_ state: State, seq: UInt64) throws -> Data {
        var bytes = Array("{\"formatVersion\":\(State.formatVersion),\"seq\":\(seq),\"state\":".utf8)
        bytes.append(contentsOf: try StoreCoding.encode(state))
        bytes.append(contentsOf: "}\n".utf8)
        return Data(bytes)
    }

    /// Takes the lock, writes a snapshot of the recovered state and drops the journal it covers.
    @discardableResult
    public static func compact<State: PersistentState>(
        directory: String, as type: State.Type, options: StateStoreOptions = .init(),
        fileSystem: some StoreFileSystem = PosixFileSystem(), logger: Logger
    ) async throws -> RecoveryReport {
        let (store, state, report) = try await StateStore<State>.open(
            directory: directory, options: options, fileSystem: fileSystem, logger: logger)
        do {
            try await store.compact(state, through: store.lastTicket)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        return report
    }
}
