import ConvenerCore
import Foundation

/// The secret part of a community's calendar URL: an HMAC of the community id under the operator's calendar key.
///
/// Nothing is stored: the daemon recomputes it, and changing `calendar_key` revokes every feed URL at once.
public enum CalendarFeedSecret {
    /// 32 hex characters (128 bits) for `communityID` under `key`.
    public static func secret(communityID: String, key: String) -> String {
        let mac = SecretCrypto.hmacSHA256(
            key: Array(key.utf8), message: Array("convener-calendar:\(communityID)".utf8))
        return SecretCrypto.hex(mac.prefix(16))
    }

    /// The feed's path: `/calendar/{community}/{secret}.ics`.
    public static func path(communityID: String, key: String) -> String {
        "/calendar/\(communityID)/\(secret(communityID: communityID, key: key)).ics"
    }

    /// Whether `candidate` is the community's secret, compared in constant time.
    static func matches(_ candidate: String, communityID: String, key: String) -> Bool {
        SecretCrypto.constantTimeEquals(Array(candidate.utf8), Array(secret(communityID: communityID, key: key).utf8))
    }
}
