/// A node together with its key path; the readers in `ConfigField+Values.swift` turn it into typed values.
struct ConfigField: Sendable {
    /// The YAML node.
    let node: ConfigNode
    /// The key path, e.g. `communities[0].timezone` (empty for the document root).
    let path: String

    /// The field for `key` inside this mapping.
    func child(_ key: String, _ node: ConfigNode) -> ConfigField {
        ConfigField(node: node, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The field for item `index` of this list.
    func element(_ index: Int, _ node: ConfigNode) -> ConfigField {
        ConfigField(node: node, path: "\(path)[\(index)]")
    }
}
