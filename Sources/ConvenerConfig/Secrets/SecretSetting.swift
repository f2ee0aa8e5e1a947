/// A secret the config asks for: where to find it, and whether that place was written or is a built-in default.
///
/// A default that resolves to nothing just leaves the feature off; a written reference that does not resolve
/// is an error.
public struct SecretSetting: Sendable, Hashable, CustomStringConvertible {
    /// Where the secret is read from.
    public var reference: SecretReference
    /// True when the reference is a built-in default environment variable, not written in the config.
    public var isDefault: Bool

    /// Creates a setting.
    public init(_ reference: SecretReference, isDefault: Bool) {
        self.reference = reference
        self.isDefault = isDefault
    }

    /// A built-in default: the environment variable `name`.
    public static func defaultEnvironment(_ name: String) -> SecretSetting {
        SecretSetting(.env(name), isDefault: true)
    }

    /// `env NAME`, `file PATH`, with ` (default)` for built-in defaults.
    public var description: String {
        isDefault ? "\(reference) (default)" : reference.description
    }
}
