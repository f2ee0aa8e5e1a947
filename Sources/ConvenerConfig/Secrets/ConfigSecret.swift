/// A resolved secret value that never shows itself in `description`, `debugDescription`, `dump` or reflection.
public struct ConfigSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself; the one deliberate way to read it (for signing and API calls, never for logs).
    public var revealedValue: String { value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }

    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }

    /// A mirror with no children, so `dump` and reflection show nothing either.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
