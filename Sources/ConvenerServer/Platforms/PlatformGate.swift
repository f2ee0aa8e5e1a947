import Foundation
import Synchronization

/// Remembers recent request signatures and input ids, so that a replayed request is refused and a platform's
/// retry of the same event is acted on once.
///
/// A lock rather than an actor: every request asks twice, and each question is a hash-set probe, far shorter than
/// the hop to an actor and back that it took before. Keys are hashed before the lock is taken.
final class PlatformGate: Sendable {
    private struct Seen {
        var signatures: PlatformRecentKeys
        var inputs: PlatformRecentKeys
    }

    private let seen: Mutex<Seen>

    /// A gate remembering for `window` seconds (longer than the platforms' 300 s timestamp tolerance).
    init(window: TimeInterval = 600) {
        seen = Mutex(Seen(signatures: PlatformRecentKeys(window: window), inputs: PlatformRecentKeys(window: window)))
    }

    /// False when the same signature was already seen within the window.
    func admit(signature: String, now: Date) -> Bool {
        let digest = PlatformKeyDigest(signature)
        return seen.withLock { $0.signatures.insert(digest, now: now) }
    }

    /// Throws a 401 unless `signature` is new within the window.
    func admitOnce(signature: String, now: Date) throws {
        guard admit(signature: signature, now: now) else {
            throw PlatformResponse.unauthorized("This request was already received (a replay); it was ignored.")
        }
    }

    /// False when the same input id was already handled within the window (a platform retry).
    func firstTime(inputID: String, now: Date) -> Bool {
        let digest = PlatformKeyDigest(inputID)
        return seen.withLock { $0.inputs.insert(digest, now: now) }
    }
}
