/// Everything that can go wrong in the state store, each with a message an operator can act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process holds the folder's lock.
    case locked(lockFile: String, holderPID: Int32?)
    /// A journal record that is not at the tail is damaged; nothing was changed on disk.
    case corruptRecord(file: String, offset: Int, reason: String)
    /// The snapshot cannot be read; nothing was changed on disk.
    case corruptSnapshot(file: String, reason: String)
    /// The folder was written by a newer major format than this build understands.
    case newerFormat(file: String, offset: Int, found: Int, supported: Int)
    /// Sequence numbers jump or repeat, so a journal segment is missing or misplaced.
    case sequenceGap(file: String, offset: Int, expected: UInt64, found: UInt64)
    /// A record passed its CRC but its changes do not decode as the current schema.
    case undecodableRecord(file: String, offset: Int, reason: String)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// An earlier write or fsync failed; the store accepts no more changes until restarted.
    case failed(reason: String)
    /// The store was closed.
    case closed(directory: String)
    /// Import needs an empty or missing folder.
    case notEmpty(directory: String, entries: [String])
    /// An import or export document is not what it should be.
    case invalidDocument(reason: String)
    /// The state type declares migrations that do not chain from version 1 to the current one.
    case invalidMigrations(String)
    /// A change could not be encoded as JSON.
    case encodingFailed(reason: String)
    /// A ticket that this store never issued.
    case unknownTicket(seq: UInt64, lastSeq: UInt64)
    /// Another compaction of the same store is running.
    case compactionInProgress(directory: String)
    /// A sealed pool file does not open with its key: it was damaged or replaced.
    case unopenableSealedPool(file: String, reason: String)
    /// Another daemon sharing the database appended first; catch up and reduce again.
    case conflict(location: String, seq: UInt64)
    /// The database refused or did not answer; nothing of the refused batch was written.
    case database(doing: String, reason: String)
    /// `CONVENER_DATABASE_URL` (or `store.postgres.url`) is not a usable PostgreSQL URL.
    case invalidDatabaseURL(url: String, reason: String)
    /// The database's schema was upgraded by a newer convener.
    case newerSchema(url: String, found: Int, supported: Int)
    /// Moving a state folder into the database found the community already there.
    case communityExists(community: String, url: String)

    /// A message naming what failed, where, and what to do.
    public var description: String {
        switch self {
        case .locked(let lockFile, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process (pid not yet written)"
            return "state folder is in use: \(lockFile) is locked by \(holder). Only one convener may use a state "
                + "folder; stop that process or point this one at another --state-dir."
        case .corruptRecord(let file, let offset, let reason):
            return "journal damaged in \(file) at byte \(offset): \(reason). This is not a torn tail from a crash "
                + "(valid records follow it or it is not the last segment), so start-up stopped and no file was "
                + "changed. Run `convener state verify` for details; restore the folder from a backup, or, if "
                + "losing the records from this point on is acceptable, truncate the file at byte \(offset) "
                + "(`truncate -s \(offset) \(file)`) and remove later journal segments."
        case .corruptSnapshot(let file, let reason):
            return "snapshot \(file) is damaged: \(reason). Start-up stopped and no file was changed. Restore "
                + "\(file) from a backup (the journal alone does not hold the state it covers)."
        case .newerFormat(let file, let offset, let found, let supported):
            return "\(file) (byte \(offset)) was written by a newer convener (state format \(found); this build "
                + "reads up to \(supported)). Run the newer convener, or restore a backup made before the upgrade; "
                + "no file was changed."
        case .sequenceGap(let file, let offset, let expected, let found):
            return "journal sequence broken in \(file) at byte \(offset): expected record \(expected), found "
                + "\(found). A journal segment is missing, duplicated or from another folder; start-up stopped and "
                + "no file was changed. Restore the folder from a backup or put the missing segment back."
        case .undecodableRecord(let file, let offset, let reason):
            return "journal record in \(file) at byte \(offset) has a valid checksum but does not decode: "
                + "\(reason). The record was written by an incompatible build; run the build that wrote it, or "
                + "add a migration. No file was changed."
        case .io(let operation, let path, let code):
            return "\(operation) failed for \(path): \(storeErrnoText(code)) (errno \(code)). Check that the "
                + "disk is writable and not full, and the permissions of the state folder."
        case .failed(let reason):
            return "the state store stopped accepting changes after a write failure (\(reason)). Restart convener: "
                + "it recovers every acknowledged change from the journal."
        case .closed(let directory):
            return "the state store for \(directory) is closed; open it again to make changes."
        case .notEmpty(let directory, let entries):
            return
                "cannot import into \(directory): the folder is not empty (\(entries.prefix(5).joined(separator: ", "))"
                + "\(entries.count > 5 ? ", …" : "")). Import only into a new or empty folder."
        case .invalidDocument(let reason):
            return "invalid state document: \(reason). Use a file written by `convener state export`."
        case .invalidMigrations(let reason):
            return "invalid state migrations: \(reason). This is a programming error in the build."
        case .encodingFailed(let reason):
            return "could not encode a change as JSON: \(reason). This is a programming error; nothing was written."
        case .unknownTicket(let seq, let lastSeq):
            return "journal ticket \(seq) was not issued by this store (its last record is \(lastSeq)). This is a "
                + "programming error: wait only on tickets returned by this store's enqueue."
        case .compactionInProgress(let directory):
            return "a compaction of \(directory) is already running; try again when it has finished."
        case .unopenableSealedPool(let file, let reason):
            return "\(file) does not open with its key (\(reason)): it was damaged or replaced, since it is only ever "
                + "replaced whole. Nothing was changed. Restore the state folder from a backup, or remove that file "
                + "if losing the anonymous answers or notes still waiting in it is acceptable."
        case .conflict(let location, let seq):
            return "record \(seq) of \(location) was written by another convener first; this one catches up and "
                + "reduces the input again (the caller retries; nothing was lost)."
        case .database(let doing, let reason):
            return "the database failed while \(doing): \(reason). Nothing of this change was written; requests get "
                + "503 until the database answers again. Check that PostgreSQL runs and CONVENER_DATABASE_URL is right."
        case .invalidDatabaseURL(let url, let reason):
            return "the database URL \(url) is not usable: \(reason). Set CONVENER_DATABASE_URL (or "
                + "store.postgres.url) to postgres://USER:PASSWORD@HOST:5432/DATABASE."
        case .newerSchema(let url, let found, let supported):
            return "the database \(url) has Convener schema version \(found), written by a newer convener (this build "
                + "knows up to \(supported)). Run the newer convener, or restore a backup made before the upgrade; "
                + "nothing was changed."
        case .communityExists(let community, let url):
            return "community \(community) already has state in \(url); nothing was changed. Move each state folder in "
                + "once, into a database that does not hold that community yet."
        }
    }
}

extension StoreError {
    /// True when a shared store refused a batch without failing: another daemon appended first, or the database
    /// did not answer. Nothing of the batch was written; the caller rolls back and retries or answers 503.
    public var isRefusal: Bool {
        switch self {
        case .conflict, .database: true
        default: false
        }
    }
}
