import Foundation

/// Remembers recent request signatures and input ids, so that a replayed request is refused and a platform's
/// retry of the same event is acted on once.
actor PlatformGate {
    private var signatures: PlatformRecentKeys
    private var inputs: PlatformRecentKeys

    /// A gate remembering for `window` seconds (longer than the platforms' 300 s timestamp tolerance).
    init(window: TimeInterval = 600) {
        signatures = PlatformRecentKeys(window: window)
        inputs = PlatformRecentKeys(window: window)
    }

    /// False when the same signature was already seen within the window.
    func admit(signature: String, now: Date) -> Bool {
        signatures.insert(signature, now: now)
    }

    /// Throws a 401 unless `signature` is new within the window.
    func admitOnce(signature: String, now: Date) throws {
        guard admit(signature: signature, now: now) else {
            throw PlatformResponse.unauthorized("This request was already received (a replay); it was ignored.")
        }
    }

    /// False when the same input id was already handled within the window (a platform retry).
    func firstTime(inputID: String, now: Date) -> Bool {
        inputs.insert(inputID, now: now)
    }
}
