/// Where a loaded configuration came from.
public enum ConfigSource: Sendable, Hashable, CustomStringConvertible {
    /// A YAML file, by the path used to read it.
    case file(String)
    /// No file: `ConvenerConfig.embeddedDefaults`.
    case embeddedDefaults

    /// The file path, or `embedded defaults`.
    public var description: String {
        switch self {
        case .file(let path): path
        case .embeddedDefaults: "embedded defaults"
        }
    }
}
