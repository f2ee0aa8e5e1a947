/// A CEL runtime value.
public enum CELValue: Sendable, Equatable {
    /// The `null` value.
    case null
    /// A boolean.
    case bool(Bool)
    /// A signed 64-bit integer.
    case int(Int64)
    /// An unsigned 64-bit integer.
    case uint(UInt64)
    /// An IEEE-754 double.
    case double(Double)
    /// A Unicode string.
    case string(String)
    /// A byte sequence.
    case bytes([UInt8])
    /// A list of values.
    case list([CELValue])
    /// A map with `bool`, `int`, `uint` or `string` keys.
    case map(CELMap)
    /// A point in time with nanosecond precision.
    case timestamp(CELTimestamp)
    /// A signed span of time with nanosecond precision.
    case duration(CELDuration)
    /// A type, named as CEL names it (`int`, `list`, `google.protobuf.Timestamp`, ...).
    case type(String)

    /// The CEL name of this value's type, as `type(value)` returns it.
    public var celTypeName: String {
        switch self {
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .list: "list"
        case .map: "map"
        case .timestamp: "google.protobuf.Timestamp"
        case .duration: "google.protobuf.Duration"
        case .type: "type"
        }
    }

    /// Whether `self` equals `other` under CEL's heterogeneous equality (`1 == 1u == 1.0`, NaN != NaN).
    public func celEquals(_ other: CELValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.string(a), .string(b)): return a.utf8.elementsEqual(b.utf8)
        case let (.bytes(a), .bytes(b)): return a == b
        case let (.timestamp(a), .timestamp(b)): return a == b
        case let (.duration(a), .duration(b)): return a == b
        case let (.type(a), .type(b)): return a == b
        case let (.list(a), .list(b)):
            guard a.count == b.count else { return false }
            for index in a.indices where !a[index].celEquals(b[index]) { return false }
            return true
        case let (.map(a), .map(b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let other = b[key], value.celEquals(other) else { return false }
            }
            return true
        default:
            if let order = CELNumeric.compare(self, other) { return order == 0 }
            return false
        }
    }
}

/// Cross-type numeric comparison as the CEL specification defines it for `int`, `uint` and `double`.
enum CELNumeric {
    /// -1, 0 or 1 when both values are numeric and ordered; nil otherwise (non-numeric or NaN involved).
    static func compare(_ lhs: CELValue, _ rhs: CELValue) -> Int? {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case let (.uint(a), .uint(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case let (.double(a), .double(b)): return compareDoubles(a, b)
        case let (.int(a), .uint(b)): return compareIntUInt(a, b)
        case let (.uint(a), .int(b)): return -compareIntUInt(b, a)
        case let (.int(a), .double(b)): return compareIntDouble(a, b)
        case let (.double(a), .int(b)): return compareIntDouble(b, a).map { -$0 }
        case let (.uint(a), .double(b)): return compareUIntDouble(a, b)
        case let (.double(a), .uint(b)): return compareUIntDouble(b, a).map { -$0 }
        default: return nil
        }
    }

    private static func compareDoubles(_ a: Double, _ b: Double) -> Int? {
        if a.isNaN || b.isNaN { return nil }
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    private static func compareIntUInt(_ a: Int64, _ b: UInt64) -> Int {
        if a < 0 { return -1 }
        let ua = UInt64(a)
        return ua < b ? -1 : (ua == b ? 0 : 1)
    }

    // Like cel-go, an integer is converted to double for comparison, so precision loss above 2^53 is accepted.
    private static func compareIntDouble(_ a: Int64, _ b: Double) -> Int? {
        compareDoubles(Double(a), b)
    }

    private static func compareUIntDouble(_ a: UInt64, _ b: Double) -> Int? {
        compareDoubles(Double(a), b)
    }
}

extension CELValue {
    /// A record (a map with string keys), the run-time form of a `CELType.object`.
    public static func record(_ fields: [String: CELValue]) -> CELValue {
        .map(CELMap(fields))
    }
}
