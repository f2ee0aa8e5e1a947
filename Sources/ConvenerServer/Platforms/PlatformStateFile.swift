import ConvenerStore
import Foundation

/// A small JSON document a platform keeps beside the communities' state (a pull platform's cursor, the direct
/// rooms it opened), replaced atomically: written to a temporary file, fsynced, renamed over the old one, and
/// the folder fsynced, so after a crash it holds the old value or the new one, never a mix.
actor PlatformStateFile<Value: Codable & Sendable> {
    /// Where the document lives.
    let path: String
    /// The document as last made durable.
    private(set) var value: Value
    private let files = PosixFileSystem()

    /// The document at `path`, or `initial` when there is none yet; throws when it exists but does not decode,
    /// naming the file (nothing is overwritten).
    init(path: String, initial: Value) throws {
        self.path = path
        guard let bytes = try PosixFileSystem().readFile(at: path) else {
            value = initial
            return
        }
        do {
            value = try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch {
            throw PlatformStateFileError(path: path, reason: "\(error)")
        }
    }

    /// Changes the document and returns once the change is durable.
    func update(_ change: @Sendable (inout Value) -> Void) throws {
        var next = value
        change(&next)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes = Array(try encoder.encode(next))
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try files.createDirectory(at: folder)
        let temporary = path + ".tmp"
        let handle = try files.openForWriting(at: temporary, truncating: true)
        do {
            try files.write(bytes, to: handle)
            try files.synchronize(handle)
            try files.close(handle)
        } catch {
            try? files.close(handle)
            throw error
        }
        try files.renameItem(at: temporary, to: path)
        try files.synchronizeDirectory(at: folder)
        value = next
    }
}

/// A platform's state file (or row) exists but cannot be read.
struct PlatformStateFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var remedy = "move it aside to start that platform from scratch"

    var description: String {
        "\(path) does not decode (\(reason)); \(remedy)"
    }
}
