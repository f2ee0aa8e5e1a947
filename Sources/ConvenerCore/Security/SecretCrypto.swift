import Crypto
import Foundation

/// The hashes, MACs and comparisons Convener uses, in one place and all from swift-crypto: the core's
/// participation tokens, the platforms' signatures and the admin token.
///
/// Hashing is computation, not I/O, so the pure core may use it too.
public enum SecretCrypto {
    /// The SHA-256 digest of `bytes`.
    public static func sha256(_ bytes: some DataProtocol) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// HMAC-SHA256 of `message` under `key`.
    public static func hmacSHA256(key: some ContiguousBytes, message: some DataProtocol) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// Whether two byte strings are equal, in time that depends only on their lengths (so a forger learns nothing
    /// from how long a wrong signature took to refuse).
    ///
    /// Hand-written because swift-crypto compares only its own digests and MACs in constant time, while the
    /// signatures and tokens compared here arrive as bytes in headers and payloads. Inlinable, so each caller's
    /// collections are compared byte by byte rather than through generic witnesses (this runs on every request).
    @inlinable
    public static func constantTimeEquals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) {
            difference |= left ^ right
        }
        return difference == 0
    }

    /// Whether two secrets are equal without revealing their length or where they differ: both are hashed first,
    /// then the digests are compared in constant time.
    public static func secretsEqual(_ lhs: String, _ rhs: String) -> Bool {
        constantTimeEquals(sha256(Array(lhs.utf8)), sha256(Array(rhs.utf8)))
    }

    /// Lower-case hex of `bytes`.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a hex string (either case), or nil if it is not hex of even length.
    @inlinable
    public static func bytes(hex: some StringProtocol) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    @usableFromInline
    static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 48...57: digit - 48
        case 97...102: digit - 87
        case 65...70: digit - 55
        default: nil
        }
    }
}
