/// A YAML value with the place it was written, detached from the parser so it is `Sendable` and easy to walk.
struct ConfigNode: Sendable {
    /// The shape of a node.
    enum Value: Sendable {
        /// A single value: text plus what YAML resolved it to.
        case scalar(ConfigScalar)
        /// Key-value pairs in the order written (merge keys `<<` already applied).
        case mapping([Entry])
        /// A list of nodes.
        case sequence([ConfigNode])
    }

    /// One key-value pair of a mapping; the key keeps its own position for "unknown key" reports.
    struct Entry: Sendable {
        /// The key node (usually a plain scalar).
        let key: ConfigNode
        /// The value node.
        let value: ConfigNode
    }

    /// The node's content.
    let value: Value
    /// Where the node starts.
    let position: ConfigPosition

    /// How the node reads in a message: "a string", "a number", "a mapping", ...
    var kindDescription: String {
        switch value {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): scalar.kind.description
        }
    }

    /// The scalar, when the node is one.
    var scalar: ConfigScalar? {
        if case .scalar(let scalar) = value { return scalar }
        return nil
    }
}

/// A YAML scalar: its text as written and the type YAML's core schema gives it.
struct ConfigScalar: Sendable {
    /// The types a scalar can resolve to.
    enum Kind: Sendable, CustomStringConvertible {
        /// Text (any quoted scalar, or plain text that is nothing else).
        case string
        /// An integer or float such as `8080` or `1.5`.
        case number
        /// `true`, `false`, `yes`, `no`, `on`, `off`.
        case boolean
        /// Nothing, `~` or `null`.
        case null
        /// A date such as `2026-12-01`.
        case timestamp

        /// The phrase used in type mismatch messages.
        var description: String {
            switch self {
            case .string: "a string"
            case .number: "a number"
            case .boolean: "a boolean"
            case .null: "an empty value"
            case .timestamp: "a date"
            }
        }
    }

    /// The scalar's text with YAML escapes and quotes removed.
    let text: String
    /// What YAML resolved the text to (quoted text is always a string).
    let kind: Kind
}
