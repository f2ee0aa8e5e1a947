import Crypto
import Foundation

/// The format of a sealed pool file: `nonce ‖ ChaCha20-Poly1305(length ‖ plaintext ‖ zero padding) ‖ tag`, with
/// the pool's name as associated data.
///
/// The padding rounds the file up to a size class (64 KiB, then powers of two), so the file's size says only
/// roughly how much waits in it, and since every write seals everything anew under a fresh nonce, without the key
/// a file looks like random bytes and two copies of it look unrelated.
enum StoreSealedPool {
    /// `pool-<name>.sealed`.
    static let prefix = "pool-"
    static let suffix = ".sealed"
    static let temporarySuffix = ".sealed.tmp"
    /// The smallest sealed plaintext, in bytes.
    static let minimumCapacity = 64 * 1_024

    /// The file name of pool `pool`.
    static func fileName(_ pool: String) -> String { prefix + pool + suffix }

    /// The pool a file name belongs to, or nil when it is not a sealed pool file.
    static func pool(ofFileName name: String) -> String? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else {
            return nil
        }
        return String(name.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// Whether `pool` is a name the store accepts: letters, digits, `-` and `_`, 1 to 100 of them.
    static func isValidName(_ pool: String) -> Bool {
        !pool.isEmpty && pool.count <= 100
            && pool.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
            }
    }

    /// The sealed file content of `plaintext`.
    static func seal(_ plaintext: [UInt8], pool: String, key: [UInt8]) throws -> [UInt8] {
        guard key.count == 32 else { throw StoreError.encodingFailed(reason: "a pool key must be 32 bytes") }
        var capacity = minimumCapacity
        while capacity < plaintext.count + 4 { capacity *= 2 }
        var padded = withUnsafeBytes(of: UInt32(plaintext.count).bigEndian) { Array($0) }
        padded.reserveCapacity(capacity)
        padded += plaintext
        padded += [UInt8](repeating: 0, count: capacity - padded.count)
        do {
            let box = try ChaChaPoly.seal(
                padded, using: SymmetricKey(data: key), nonce: ChaChaPoly.Nonce(),
                authenticating: Array(("convener.pool:" + pool).utf8))
            return Array(box.combined)
        } catch {
            throw StoreError.encodingFailed(reason: "sealing pool \(pool) failed: \(error)")
        }
    }

    /// The plaintext sealed in `bytes`; throws when it does not open with `key` as pool `pool`.
    static func open(_ bytes: [UInt8], pool: String, key: [UInt8], file: String) throws -> [UInt8] {
        let padded: [UInt8]
        do {
            let box = try ChaChaPoly.SealedBox(combined: bytes)
            padded = Array(
                try ChaChaPoly.open(
                    box, using: SymmetricKey(data: key), authenticating: Array(("convener.pool:" + pool).utf8)))
        } catch {
            throw StoreError.unopenableSealedPool(file: file, reason: "\(error)")
        }
        guard padded.count >= 4 else {
            throw StoreError.unopenableSealedPool(file: file, reason: "too short")
        }
        let length = padded.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length <= padded.count - 4 else {
            throw StoreError.unopenableSealedPool(file: file, reason: "its length field is out of range")
        }
        return Array(padded[4..<(4 + length)])
    }
}
