#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real file system, through POSIX calls (open, write, fsync, rename, flock).
public struct PosixFileSystem: StoreFileSystem {
    /// The real file system.
    public init() {}

    /// The names in a folder, or nil when it does not exist.
    public func contentsOfDirectory(at path: String) throws -> [String]? {
        guard let directory = opendir(path) else {
            if errno == ENOENT { return nil }
            throw StoreError.io(operation: "opendir", path: path, errno: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Creates a folder (and its parents) if it does not exist.
    public func createDirectory(at path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw StoreError.io(operation: "mkdir", path: prefix, errno: errno)
            }
            prefix += "/"
        }
    }

    /// The whole content of a file, or nil when it does not exist.
    public func readFile(at path: String) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw StoreError.io(operation: "open", path: path, errno: errno)
        }
        defer { _ = posixClose(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw StoreError.io(operation: "fstat", path: path, errno: errno) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: 64 << 10)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(operation: "read", path: path, errno: errno)
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Opens a file for writing, creating it if missing; appends unless `truncating`.
    public func openForWriting(at path: String, truncating: Bool) throws -> StoreFileHandle {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncating ? O_TRUNC : O_APPEND)
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw StoreError.io(operation: "open", path: path, errno: errno) }
        return StoreFileHandle(descriptor: descriptor)
    }

    /// Writes all bytes, retrying short writes.
    public func write(_ bytes: [UInt8], to handle: StoreFileHandle) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                posixWrite(handle.descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(operation: "write", path: "fd \(handle.descriptor)", errno: errno)
            }
            written += count
        }
    }

    /// fsync.
    public func synchronize(_ handle: StoreFileHandle) throws {
        guard fsync(handle.descriptor) == 0 else {
            throw StoreError.io(operation: "fsync", path: "fd \(handle.descriptor)", errno: errno)
        }
    }

    /// Closes a file.
    public func close(_ handle: StoreFileHandle) throws {
        guard posixClose(handle.descriptor) == 0 else {
            throw StoreError.io(operation: "close", path: "fd \(handle.descriptor)", errno: errno)
        }
    }

    /// Opens the folder and fsyncs it, so created, renamed and removed names survive a power loss.
    public func synchronizeDirectory(at path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.io(operation: "open", path: path, errno: errno) }
        defer { _ = posixClose(descriptor) }
        guard fsync(descriptor) == 0 else { throw StoreError.io(operation: "fsync", path: path, errno: errno) }
    }

    /// Cuts a file to `size` bytes and fsyncs it.
    public func truncateFile(at path: String, toSize size: Int) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.io(operation: "open", path: path, errno: errno) }
        defer { _ = posixClose(descriptor) }
        guard ftruncate(descriptor, off_t(size)) == 0 else {
            throw StoreError.io(operation: "ftruncate", path: path, errno: errno)
        }
        guard fsync(descriptor) == 0 else { throw StoreError.io(operation: "fsync", path: path, errno: errno) }
    }

    /// rename(2): atomic replacement within one file system.
    public func renameItem(at source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else {
            throw StoreError.io(operation: "rename to \(destination)", path: source, errno: errno)
        }
    }

    /// unlink(2); a missing file is not an error.
    public func removeItem(at path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw StoreError.io(operation: "unlink", path: path, errno: errno)
        }
    }

    /// flock(LOCK_EX | LOCK_NB) on the lock file, then writes our pid into it.
    ///
    /// flock locks belong to the open file description, so a second open in the same process conflicts too.
    public func lockExclusively(at path: String) throws -> StoreFileHandle {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError.io(operation: "open", path: path, errno: errno) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            var holder: Int32?
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                holder = Int32(text.trimmingCharactersStoreWhitespace())
            }
            _ = posixClose(descriptor)
            if code == EWOULDBLOCK || code == EAGAIN { throw StoreError.locked(lockFile: path, holderPID: holder) }
            throw StoreError.io(operation: "flock", path: path, errno: code)
        }
        let pid = Array("\(getpid())\n".utf8)
        guard ftruncate(descriptor, 0) == 0,
            pid.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == pid.count
        else {
            let code = errno
            _ = posixClose(descriptor)
            throw StoreError.io(operation: "write pid", path: path, errno: code)
        }
        return StoreFileHandle(descriptor: descriptor)
    }

    /// Closing the descriptor releases the flock.
    public func unlock(_ handle: StoreFileHandle) throws {
        try close(handle)
    }
}

/// strerror as a Swift string.
func storeErrnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "unknown error" }
    return String(cString: text)
}

extension String {
    /// The string without leading and trailing spaces and newlines.
    fileprivate func trimmingCharactersStoreWhitespace() -> String {
        String(self.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}

// Named wrappers: inside PosixFileSystem, `close` and `write` resolve to our own methods.
private func posixClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Darwin)
        Darwin.close(descriptor)
    #elseif canImport(Musl)
        Musl.close(descriptor)
    #else
        Glibc.close(descriptor)
    #endif
}

private func posixWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
        Darwin.write(descriptor, pointer, count)
    #elseif canImport(Musl)
        Musl.write(descriptor, pointer, count)
    #else
        Glibc.write(descriptor, pointer, count)
    #endif
}
