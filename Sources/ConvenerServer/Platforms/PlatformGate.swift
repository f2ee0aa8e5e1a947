import Foundation

/// Remembers recent request signatures and input ids, so that a replayed request is refused and a platform's
/// retry of the same event is acted on once.
actor PlatformGate {
    private var signatures: [String: Date] = [:]
    private var inputs: [String: Date] = [:]
    private let window: TimeInterval

    /// A gate remembering for `window` seconds (longer than the platforms' 300 s timestamp tolerance).
    init(window: TimeInterval = 600) {
        self.window = window
    }

    /// False when the same signature was already seen within the window.
    func admit(signature: String, now: Date) -> Bool {
        Self.admit(signature, into: &signatures, now: now, window: window)
    }

    /// Throws a 401 unless `signature` is present and new within the window.
    func admitOnce(signature: String?, now: Date) throws {
        guard let signature, admit(signature: signature, now: now) else {
            throw PlatformResponse.unauthorized("This request was already received (a replay); it was ignored.")
        }
    }

    /// False when the same input id was already handled within the window (a platform retry).
    func firstTime(inputID: String, now: Date) -> Bool {
        Self.admit(inputID, into: &inputs, now: now, window: window)
    }

    private static func admit(_ key: String, into seen: inout [String: Date], now: Date, window: TimeInterval) -> Bool {
        if seen.count > 10_000 { seen = seen.filter { now.timeIntervalSince($0.value) < window } }
        if let at = seen[key], now.timeIntervalSince(at) < window { return false }
        seen[key] = now
        return true
    }
}
