import ConvenerCore
import Crypto
import Foundation

/// Builds input ids: from the platform's own unique id where it sends one, else from the body and the clock.
enum PlatformInputID {
    static func make(platform: String, kind: String, unique: String?, body: Data, now: Date) -> String {
        if let unique, !unique.isEmpty {
            return "\(platform).\(kind).\(unique)"
        }
        var hasher = SHA256()
        hasher.update(data: Data(String(now.timeIntervalSince1970).utf8))
        hasher.update(data: Data([0]))
        hasher.update(data: body)
        return "\(platform).\(kind).h" + SecretCrypto.hex(hasher.finalize().prefix(12))
    }
}
