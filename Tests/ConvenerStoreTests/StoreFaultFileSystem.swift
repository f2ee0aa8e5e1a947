import Synchronization

@testable import ConvenerStore

/// An in-memory file system that models what survives a power loss: file data only up to its last fsync,
/// directory entries only up to the folder's last fsync; it can also die at the N-th mutating operation,
/// tearing that write at a random byte.
final class StoreFaultFileSystem: StoreFileSystem {
    /// What a power loss keeps of data written since the last fsync.
    enum PowerLoss: Sendable, CaseIterable {
        /// Nothing that was not fsynced.
        case dropUnsynced
        /// A random prefix of the unsynced bytes (a torn write) and a random subset of the unsynced
        /// directory changes (POSIX promises no order between them).
        case tearUnsynced
    }

    private struct Inode {
        var data: [UInt8] = []
        var durable: [UInt8] = []
    }

    private enum DirectoryChange {
        case link(String, Int)
        case unlink(String)
        case rename(String, String, Int)
    }

    private struct Disk {
        var unsyncedDirectoryChanges: [DirectoryChange] = []
        var inodes: [Int: Inode] = [:]
        var names: [String: Int] = [:]
        var durableNames: [String: Int] = [:]
        var directories: Set<String> = []
        var handles: [Int32: Int] = [:]
        var locks: [String: Int32] = [:]
        var nextInode = 1
        var nextHandle: Int32 = 100
        var operationsUntilDeath: Int?
        var dead = false
        var mutatingOperations = 0
        var random: StoreTestRandom
    }

    private let disk: Mutex<Disk>

    init(seed: UInt64 = 1) {
        disk = Mutex(Disk(random: StoreTestRandom(seed: seed)))
    }

    /// Makes the `count`-th mutating operation from now fail (a write is torn first) and every later one too.
    func die(afterOperations count: Int) {
        disk.withLock { $0.operationsUntilDeath = count }
    }

    /// How many mutating operations ran so far.
    var mutatingOperations: Int { disk.withLock { $0.mutatingOperations } }

    /// Simulates a power loss and a restart: unsynced data and names go, locks and handles are released.
    func powerLoss(_ mode: PowerLoss) {
        disk.withLock { disk in
            if mode == .tearUnsynced {
                for change in disk.unsyncedDirectoryChanges where disk.random.next() % 2 == 0 {
                    switch change {
                    case .link(let name, let inode): disk.durableNames[name] = inode
                    case .unlink(let name): disk.durableNames[name] = nil
                    case .rename(let source, let destination, let inode):
                        disk.durableNames[source] = nil
                        disk.durableNames[destination] = inode
                    }
                }
            }
            disk.unsyncedDirectoryChanges = []
            disk.names = disk.durableNames
            var kept: [Int: Inode] = [:]
            for inode in Set(disk.names.values) {
                guard var node = disk.inodes[inode] else { continue }
                if mode == .tearUnsynced, node.data.count > node.durable.count,
                    Array(node.data.prefix(node.durable.count)) == node.durable
                {
                    let extra = node.data.count - node.durable.count
                    let keep = Int(disk.random.next() % UInt64(extra + 1))
                    node.durable = Array(node.data.prefix(node.durable.count + keep))
                }
                node.data = node.durable
                kept[inode] = node
            }
            disk.inodes = kept
            disk.handles = [:]
            disk.locks = [:]
            disk.dead = false
            disk.operationsUntilDeath = nil
        }
    }

    /// The current (volatile) bytes of a file.
    func contents(of path: String) -> [UInt8]? {
        disk.withLock { disk in disk.names[path].flatMap { disk.inodes[$0]?.data } }
    }

    /// Replaces a file's bytes as if written and fsynced.
    func setContents(of path: String, _ bytes: [UInt8]) {
        disk.withLock { disk in
            guard let inode = disk.names[path] else { return }
            disk.inodes[inode] = Inode(data: bytes, durable: bytes)
        }
    }

    // MARK: StoreFileSystem

    func contentsOfDirectory(at path: String) throws -> [String]? {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: false)
            let prefix = path.hasSuffix("/") ? path : path + "/"
            let names = disk.names.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            if names.isEmpty && !disk.directories.contains(path) { return nil }
            return names.filter { !$0.contains("/") }.sorted()
        }
    }

    func createDirectory(at path: String) throws {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: false)
            disk.directories.insert(path)
        }
    }

    func readFile(at path: String) throws -> [UInt8]? {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: false)
            return disk.names[path].flatMap { disk.inodes[$0]?.data }
        }
    }

    func openForWriting(at path: String, truncating: Bool) throws -> StoreFileHandle {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: true)
            let inode = Self.inode(&disk, path)
            if truncating { disk.inodes[inode]?.data = [] }
            let handle = disk.nextHandle
            disk.nextHandle += 1
            disk.handles[handle] = inode
            return StoreFileHandle(descriptor: handle)
        }
    }

    func write(_ bytes: [UInt8], to handle: StoreFileHandle) throws {
        try disk.withLock { disk in
            guard let inode = disk.handles[handle.descriptor] else { throw Self.badHandle }
            if let remaining = disk.operationsUntilDeath, remaining <= 0, !disk.dead {
                let keep = Int(disk.random.next() % UInt64(bytes.count + 1))
                disk.inodes[inode]?.data.append(contentsOf: bytes.prefix(keep))
            }
            try Self.check(&disk, mutating: true)
            disk.inodes[inode]?.data.append(contentsOf: bytes)
        }
    }

    func synchronize(_ handle: StoreFileHandle) throws {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: true)
            guard let inode = disk.handles[handle.descriptor], let node = disk.inodes[inode] else {
                throw Self.badHandle
            }
            disk.inodes[inode]?.durable = node.data
        }
    }

    func close(_ handle: StoreFileHandle) throws {
        disk.withLock { disk in _ = disk.handles.removeValue(forKey: handle.descriptor) }
    }

    func synchronizeDirectory(at path: String) throws {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: true)
            let prefix = path.hasSuffix("/") ? path : path + "/"
            disk.durableNames = disk.durableNames.filter { !$0.key.hasPrefix(prefix) }
            for (name, inode) in disk.names where name.hasPrefix(prefix) { disk.durableNames[name] = inode }
            disk.unsyncedDirectoryChanges = []
        }
    }

    func truncateFile(at path: String, toSize size: Int) throws {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: true)
            guard let inode = disk.names[path], var node = disk.inodes[inode] else {
                throw StoreError.io(operation: "truncate", path: path, errno: 2)
            }
            node.data = Array(node.data.prefix(size))
            node.durable = node.data
            disk.inodes[inode] = node
        }
    }

    func renameItem(at source: String, to destination: String) throws {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: true)
            guard let inode = disk.names.removeValue(forKey: source) else {
                throw StoreError.io(operation: "rename", path: source, errno: 2)
            }
            disk.names[destination] = inode
            disk.unsyncedDirectoryChanges.append(.rename(source, destination, inode))
        }
    }

    func removeItem(at path: String) throws {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: true)
            if disk.names.removeValue(forKey: path) != nil { disk.unsyncedDirectoryChanges.append(.unlink(path)) }
        }
    }

    func lockExclusively(at path: String) throws -> StoreFileHandle {
        try disk.withLock { disk in
            try Self.check(&disk, mutating: false)
            if disk.locks[path] != nil { throw StoreError.locked(lockFile: path, holderPID: 4242) }
            let inode = Self.inode(&disk, path)
            let handle = disk.nextHandle
            disk.nextHandle += 1
            disk.handles[handle] = inode
            disk.locks[path] = handle
            return StoreFileHandle(descriptor: handle)
        }
    }

    func unlock(_ handle: StoreFileHandle) throws {
        disk.withLock { disk in
            disk.locks = disk.locks.filter { $0.value != handle.descriptor }
            disk.handles[handle.descriptor] = nil
        }
    }

    // MARK: Helpers

    private static let badHandle = StoreError.io(operation: "use", path: "bad handle", errno: 9)

    private static func check(_ disk: inout Disk, mutating: Bool) throws {
        if disk.dead { throw StoreError.io(operation: "simulated crash", path: "fault fs", errno: 5) }
        guard mutating else { return }
        disk.mutatingOperations += 1
        if let remaining = disk.operationsUntilDeath {
            if remaining <= 0 {
                disk.dead = true
                throw StoreError.io(operation: "simulated crash", path: "fault fs", errno: 5)
            }
            disk.operationsUntilDeath = remaining - 1
        }
    }

    private static func inode(_ disk: inout Disk, _ path: String) -> Int {
        if let inode = disk.names[path] { return inode }
        let inode = disk.nextInode
        disk.nextInode += 1
        disk.inodes[inode] = Inode()
        disk.names[path] = inode
        disk.unsyncedDirectoryChanges.append(.link(path, inode))
        return inode
    }
}

/// SplitMix64: a small seeded generator so fault runs are repeatable.
struct StoreTestRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
