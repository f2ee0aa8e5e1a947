/// A change the I/O shell makes to one sealed pool file, in the same group commit as the facts that caused it:
/// write the file anew, sealed under `key`, or remove it.
public struct SealedPoolChange: Sendable, Equatable {
    /// The pool: `survey-S1` or `feedback`.
    public var pool: String
    /// The key to seal with and the image to seal, or nil when the file goes (its pool is empty or closed).
    public var contents: (key: [UInt8], image: SealedPoolImage)?

    /// A change.
    public init(pool: String, contents: (key: [UInt8], image: SealedPoolImage)?) {
        self.pool = pool
        self.contents = contents
    }

    public static func == (lhs: SealedPoolChange, rhs: SealedPoolChange) -> Bool {
        lhs.pool == rhs.pool && lhs.contents?.key == rhs.contents?.key && lhs.contents?.image == rhs.contents?.image
    }
}
