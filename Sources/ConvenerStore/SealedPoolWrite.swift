/// One change to a sealed pool file, made durable together with the journal records enqueued with it.
public enum SealedPoolWrite: Sendable, Equatable {
    /// Replace pool `pool`'s file whole with `plaintext`, sealed under the 256-bit `key`.
    case replace(pool: String, key: [UInt8], plaintext: [UInt8])
    /// Remove pool `pool`'s file, if there is one.
    case remove(pool: String)

    /// The pool it changes.
    public var pool: String {
        switch self {
        case .replace(let pool, _, _), .remove(let pool): pool
        }
    }
}
