/// Where a secret lives. Secrets are never written in the config itself.
public enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    /// An environment variable, by name.
    case env(String)
    /// A file whose content (minus trailing newlines) is the secret; relative paths were already resolved
    /// against the config file's folder.
    case file(String)

    /// `env NAME` or `file PATH`: safe to log, names the source and never the value.
    public var description: String {
        switch self {
        case .env(let name): "env \(name)"
        case .file(let path): "file \(path)"
        }
    }

    /// Whether `name` is a plausible environment variable name (`[A-Za-z_][A-Za-z0-9_]*`).
    public static func isValidEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0))
        }
    }
}
