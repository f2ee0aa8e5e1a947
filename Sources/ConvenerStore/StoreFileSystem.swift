/// An open file of a `StoreFileSystem`: a descriptor or a fake's identifier.
public struct StoreFileHandle: Sendable, Hashable {
    /// The POSIX file descriptor, or an identifier chosen by a fake file system.
    public let descriptor: Int32

    /// Wraps a descriptor.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }
}

/// The few file operations the store needs, so tests can inject faults (lost unsynced data, torn writes).
///
/// All methods block; the store calls them from a thread pool, never from Swift's cooperative pool.
public protocol StoreFileSystem: Sendable {
    /// The names in a folder, or nil when it does not exist.
    func contentsOfDirectory(at path: String) throws -> [String]?
    /// Creates a folder (and its parents) if it does not exist.
    func createDirectory(at path: String) throws
    /// The whole content of a file, or nil when it does not exist.
    func readFile(at path: String) throws -> [UInt8]?
    /// Opens a file for writing, creating it if missing; appends unless `truncating`.
    func openForWriting(at path: String, truncating: Bool) throws -> StoreFileHandle
    /// Writes all bytes at the end of the file (appending) or at the current position.
    func write(_ bytes: [UInt8], to handle: StoreFileHandle) throws
    /// Makes everything written to the file durable (fsync).
    func synchronize(_ handle: StoreFileHandle) throws
    /// Closes a file.
    func close(_ handle: StoreFileHandle) throws
    /// Makes the folder's entries (created, renamed, removed names) durable.
    func synchronizeDirectory(at path: String) throws
    /// Cuts a file to `size` bytes and makes that durable.
    func truncateFile(at path: String, toSize size: Int) throws
    /// Renames a file, replacing the target atomically.
    func renameItem(at source: String, to destination: String) throws
    /// Removes a file.
    func removeItem(at path: String) throws
    /// Takes an exclusive lock on `path` (creating it) and writes our pid into it; throws
    /// `StoreError.locked` naming the holder when another process has it.
    func lockExclusively(at path: String) throws -> StoreFileHandle
    /// Releases a lock taken by `lockExclusively`.
    func unlock(_ handle: StoreFileHandle) throws
}
