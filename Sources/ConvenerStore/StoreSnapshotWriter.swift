/// Replaces `snapshot.json` atomically: temp file in the same folder, fsync, rename, fsync the folder.
enum StoreSnapshotWriter {
    /// Writes the snapshot bytes; after return the new snapshot survives a power loss, and at no point can a
    /// crash leave a half-written `snapshot.json`.
    static func write(_ bytes: [UInt8], directory: String, fileSystem: any StoreFileSystem) throws {
        let temporary = StoreLayout.path(directory, StoreLayout.snapshotTemporary)
        let handle = try fileSystem.openForWriting(at: temporary, truncating: true)
        do {
            try fileSystem.write(bytes, to: handle)
            try fileSystem.synchronize(handle)
        } catch {
            try? fileSystem.close(handle)
            throw error
        }
        try fileSystem.close(handle)
        try fileSystem.renameItem(at: temporary, to: StoreLayout.path(directory, StoreLayout.snapshot))
        try fileSystem.synchronizeDirectory(at: directory)
    }
}
