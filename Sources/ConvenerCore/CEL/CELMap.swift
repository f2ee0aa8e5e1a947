/// A CEL map: insertion-ordered entries whose keys are `bool`, `int`, `uint` or `string` values.
///
/// Numeric keys are looked up by value, so `{1u: 'a'}[1]` and `{1: 'a'}[1.0]` both find the entry.
public struct CELMap: Sendable, Equatable {
    /// The keys in insertion order.
    public private(set) var keys: [CELValue] = []
    private var storage: [CELMapKey: CELValue] = [:]

    /// An empty map.
    public init() {}

    /// A map from string keys, with keys ordered alphabetically so rendering is deterministic.
    public init(_ dictionary: [String: CELValue]) {
        keys.reserveCapacity(dictionary.count)
        storage.reserveCapacity(dictionary.count)
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            keys.append(.string(key))
            storage[.string(key)] = value
        }
    }

    /// The number of entries.
    public var count: Int { keys.count }

    /// The entries in insertion order.
    public var entries: [(key: CELValue, value: CELValue)] {
        keys.compactMap { key in
            guard let mapKey = CELMapKey(key), let value = storage[mapKey] else { return nil }
            return (key, value)
        }
    }

    /// The value stored under `key` (numeric keys compare by value), or nil.
    public subscript(key: CELValue) -> CELValue? {
        guard let mapKey = CELMapKey(key) else { return nil }
        return storage[mapKey]
    }

    /// The value stored under the string `key`, or nil.
    public subscript(key: String) -> CELValue? {
        storage[.string(key)]
    }

    /// Inserts `value` under `key`; returns false if `key` is not a valid map key or is already present.
    @discardableResult
    public mutating func insert(_ value: CELValue, forKey key: CELValue) -> Bool {
        guard CELMapKey.isValidKey(key), let mapKey = CELMapKey(key), storage[mapKey] == nil else { return false }
        keys.append(key)
        storage[mapKey] = value
        return true
    }

    /// Maps are equal when they hold the same keys with structurally equal values, regardless of order.
    public static func == (lhs: CELMap, rhs: CELMap) -> Bool {
        lhs.storage == rhs.storage
    }
}

/// A normalised map key: integral numbers that fit in `Int64` share one representation.
enum CELMapKey: Hashable, Sendable {
    /// A bool key.
    case bool(Bool)
    /// An int key, or a uint/double key with the same integral value.
    case int(Int64)
    /// A uint key above Int64.max.
    case largeUInt(UInt64)
    /// A string key.
    case string(String)

    /// Whether `value` may be used as a key when building a map (doubles may only be used for lookups).
    static func isValidKey(_ value: CELValue) -> Bool {
        switch value {
        case .bool, .int, .uint, .string: true
        default: false
        }
    }

    /// The normalised key of `value`, or nil if it cannot be a key.
    init?(_ value: CELValue) {
        switch value {
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .uint(let number): self = number <= UInt64(Int64.max) ? .int(Int64(number)) : .largeUInt(number)
        case .string(let text): self = .string(text)
        case .double(let number):
            guard number.rounded(.towardZero) == number else { return nil }
            if number >= -9_223_372_036_854_775_808.0 && number < 9_223_372_036_854_775_808.0 {
                self = .int(Int64(number))
            } else if number >= 0 && number < 18_446_744_073_709_551_616.0 {
                self = .largeUInt(UInt64(number))
            } else {
                return nil
            }
        default: return nil
        }
    }
}
