import ConvenerCore
import Foundation

/// The verifiers' timestamp check; hashes, MACs and comparisons are `SecretCrypto`'s, shared with the core.
enum PlatformCrypto {
    /// Parses a decimal Unix timestamp header and checks it is within `tolerance` seconds of `now`.
    static func checkFreshness(
        _ header: String?, name: String, now: Date, tolerance: TimeInterval
    ) throws(PlatformVerificationError) {
        guard let header else { throw .missingHeader(name) }
        guard !header.isEmpty, header.utf8.count <= 12, header.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let seconds = Int(header)
        else {
            throw .malformedHeader(name: name, reason: "must be a Unix time in whole seconds")
        }
        let skew = now.timeIntervalSince1970 - Double(seconds)
        guard abs(skew) <= tolerance else {
            throw .staleTimestamp(skewSeconds: Int(skew.rounded()), toleranceSeconds: Int(tolerance))
        }
    }
}
