/// The static type of a CEL expression or declared variable, used by the compile-time checker.
public indirect enum CELType: Sendable, Equatable, CustomStringConvertible {
    /// Any type; checked only at evaluation time.
    case dyn
    /// The type of `null`.
    case null
    /// `bool`.
    case bool
    /// `int` (signed 64-bit).
    case int
    /// `uint` (unsigned 64-bit).
    case uint
    /// `double`.
    case double
    /// `string`.
    case string
    /// `bytes`.
    case bytes
    /// `google.protobuf.Timestamp`.
    case timestamp
    /// `google.protobuf.Duration`.
    case duration
    /// A list whose elements have the given type.
    case list(CELType)
    /// A map with the given key and value types.
    case map(CELType, CELType)
    /// A type value (`int`, `type(x)`).
    case type
    /// A record with known fields, represented at run time as a map with string keys.
    ///
    /// Selecting a field the record does not declare is a compile error, which catches typos such as
    /// `member.teir` before a rule runs.
    case object(name: String, fields: [String: CELType])

    /// The type as CEL writes it (`list(int)`, `map(string, dyn)`, or the object's name).
    public var description: String {
        switch self {
        case .dyn: "dyn"
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .timestamp: "google.protobuf.Timestamp"
        case .duration: "google.protobuf.Duration"
        case .list(let element): "list(\(element))"
        case .map(let key, let value): "map(\(key), \(value))"
        case .type: "type"
        case .object(let name, _): name
        }
    }

    /// Whether the type is `dyn` (checks involving it are deferred to evaluation).
    var isDyn: Bool { self == .dyn }

    /// The type with nested types dropped, for overload matching (`list(int)` -> `list(dyn)`).
    var kindOnly: CELType {
        switch self {
        case .list: .list(.dyn)
        case .map, .object: .map(.dyn, .dyn)
        default: self
        }
    }

    /// Whether values of the two types could ever be equal or combined (dyn matches anything).
    func isCompatible(with other: CELType) -> Bool {
        if isDyn || other.isDyn { return true }
        switch (self, other) {
        case let (.list(a), .list(b)): return a.isCompatible(with: b)
        case let (.map(k1, v1), .map(k2, v2)): return k1.isCompatible(with: k2) && v1.isCompatible(with: v2)
        case (.object, .map), (.map, .object), (.object, .object): return true
        default: return self == other
        }
    }

    /// The common type of two branches or elements: the type itself when equal, otherwise `dyn`.
    func joined(with other: CELType) -> CELType {
        if self == other { return self }
        if self == .null { return other.isNullable ? other : .dyn }
        if other == .null { return isNullable ? self : .dyn }
        return .dyn
    }

    private var isNullable: Bool {
        switch self {
        case .dyn, .null, .object, .map, .list, .timestamp, .duration: true
        default: false
        }
    }
}
