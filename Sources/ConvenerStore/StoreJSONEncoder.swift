import Foundation

/// Encodes the journal's changes and the snapshots: the JSON Foundation's `JSONEncoder` writes with the store's
/// settings (dates as seconds since 2001, `Data` as Base64, `URL` as its text, slashes unescaped), keys sorted by
/// their UTF-8 bytes so equal values give equal bytes, and `JSONDecoder` reads it back unchanged.
///
/// Every acknowledged change is encoded on the request path before it is written, and Foundation's encoder (boxed
/// values, dynamic casts, locale-aware key sorting) took about 100 µs for a kudos' four facts, 15% of the request;
/// this one builds a small tree of the values and writes it to bytes once.
struct StoreJSONEncoder {
    /// `value` as JSON bytes.
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = try StoreJSONNodeEncoder.box(value, parent: nil, key: nil)
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        root.write(into: &out)
        return out
    }
}

/// One encoded value, before it is written.
enum StoreJSONNode {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    /// A number already in its JSON text (finite doubles, floats, decimals).
    case number(String)
    case string(String)
    case array(StoreJSONArray)
    case object(StoreJSONObject)
    /// What a `superEncoder` encodes, read when written (it may be filled after it is placed).
    case deferred(StoreJSONNodeEncoder)
    /// Consecutive array elements already written, comma-separated.
    case written([UInt8])

    /// Appends the value's JSON to `out`.
    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .integer(let value): out += String(value).utf8
        case .unsigned(let value): out += String(value).utf8
        case .number(let text): out += text.utf8
        case .string(let text): Self.write(text, into: &out)
        case .written(let bytes): out += bytes
        case .array(let array):
            out.append(UInt8(ascii: "["))
            for (index, item) in array.finishedItems().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            var first = true
            let entries = object.entries
            if Self.isStrictlyAscending(entries) {
                for (index, entry) in entries.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    Self.write(entry.key, into: &out)
                    out.append(UInt8(ascii: ":"))
                    entry.value.write(into: &out)
                }
                out.append(UInt8(ascii: "}"))
                return
            }
            // Sorted by key, and by position among equal keys, so the last value set for a key wins.
            let order = entries.indices.sorted { left, right in
                let byKey = Self.utf8Order(entries[left].key, entries[right].key)
                return byKey == 0 ? left < right : byKey < 0
            }
            for (position, index) in order.enumerated() {
                let next = position + 1 < order.count ? order[position + 1] : nil
                if let next, Self.utf8Order(entries[next].key, entries[index].key) == 0 { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                Self.write(entries[index].key, into: &out)
                out.append(UInt8(ascii: ":"))
                entries[index].value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .deferred(let encoder):
            (encoder.node ?? .object(StoreJSONObject())).write(into: &out)
        }
    }

    /// Whether the keys are already in order, each once: most objects have a key or two, or keys set in order.
    private static func isStrictlyAscending(_ entries: [(key: String, value: StoreJSONNode)]) -> Bool {
        zip(entries, entries.dropFirst()).allSatisfy { utf8Order($0.key, $1.key) < 0 }
    }

    /// Negative, zero or positive as `a`'s UTF-8 bytes sort before, equal or after `b`'s.
    ///
    /// A snapshot sorts the keys of every dictionary it holds (every member id of a large community); comparing two
    /// `utf8` views element by element made that sort about a fifth of a compaction's CPU, so native strings compare
    /// their bytes in place.
    static func utf8Order(_ a: String, _ b: String) -> Int {
        let inPlace = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right -> Int in
                let shared = min(left.count, right.count)
                if shared > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
                    let order = memcmp(leftBase, rightBase, shared)
                    if order != 0 { return Int(order) }
                }
                return left.count - right.count
            }
        }
        if let order = inPlace ?? nil { return order }
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as its UTF-8, copied a
    /// run at a time between the bytes that need escaping (most strings have none).
    private static func write(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                writeEscaped(byte, into: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The escape of a quote, a backslash or a control character.
    private static func writeEscaped(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out += "\\\"".utf8
        case UInt8(ascii: "\\"): out += "\\\\".utf8
        case 0x0A: out += "\\n".utf8
        case 0x0D: out += "\\r".utf8
        case 0x09: out += "\\t".utf8
        case 0x08: out += "\\b".utf8
        case 0x0C: out += "\\f".utf8
        default:
            out += "\\u00".utf8
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A finite double as `JSONEncoder` writes it ("12", not "12.0"); NaN and infinities cannot be JSON.
    static func number(_ value: Double, at encoder: StoreJSONNodeEncoder, key: (any CodingKey)?) throws -> Self {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: encoder.codingPath + (key.map { [$0] } ?? []),
                    debugDescription: "\(value) cannot be written as a JSON number"))
        }
        return .finite(value)
    }

    /// A finite double as `JSONEncoder` writes it.
    static func finite(_ value: Double) -> Self {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

/// An array being filled (a class, so nested containers can keep adding to it).
///
/// An element encoded whole is written at once and kept as text, in a run with the elements next to it: a snapshot's
/// long arrays (a ledger of a million kudos) then hold their bytes, not a tree of every value of every element, which
/// took more memory than the state itself (a 10-minute saturated run: 956 MiB after nine minutes, about 2,000 with
/// the tree).
final class StoreJSONArray {
    private var items: [StoreJSONNode] = []
    private var run: [UInt8] = []
    /// How many elements it holds.
    private(set) var count = 0

    /// Adds an element that may still be filled (a nested container's, or a `superEncoder`'s).
    func append(_ node: StoreJSONNode) {
        closeRun()
        items.append(node)
        count += 1
    }

    /// Adds an element that is complete, as its text.
    func appendWritten(_ node: StoreJSONNode) {
        if !run.isEmpty { run.append(UInt8(ascii: ",")) }
        node.write(into: &run)
        count += 1
    }

    /// The elements, the written ones as runs of text.
    func finishedItems() -> [StoreJSONNode] {
        closeRun()
        return items
    }

    private func closeRun() {
        guard !run.isEmpty else { return }
        items.append(.written(run))
        run = []
    }
}

/// An object being filled, in the order its keys were set.
final class StoreJSONObject {
    var entries: [(key: String, value: StoreJSONNode)] = []
}

/// The `Encoder` handed to each value; its coding path is kept as a link to its parent, built only when asked.
final class StoreJSONNodeEncoder: Encoder {
    private let parent: StoreJSONNodeEncoder?
    private let key: (any CodingKey)?
    /// What the value encoded, once it did.
    fileprivate(set) var node: StoreJSONNode?

    init(parent: StoreJSONNodeEncoder?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: StoreJSONNodeEncoder? = self
        while let current = encoder {
            if let key = current.key { path.append(key) }
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: StoreJSONObject
        if case .object(let existing) = node {
            object = existing
        } else {
            object = StoreJSONObject()
            node = .object(object)
        }
        return KeyedEncodingContainer(StoreJSONKeyedContainer<Key>(encoder: self, object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: StoreJSONArray
        if case .array(let existing) = node {
            array = existing
        } else {
            array = StoreJSONArray()
            node = .array(array)
        }
        return StoreJSONUnkeyedContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        self
    }

    /// `value` encoded by a child of `parent` at `key`, with the types `JSONEncoder` writes its own way.
    static func box<T: Encodable>(
        _ value: T, parent: StoreJSONNodeEncoder?, key: (any CodingKey)?
    ) throws -> StoreJSONNode {
        // Compared as types first: a dynamic cast for every value would cost what this encoder saves.
        if T.self == Data.self, let data = value as? Data { return .string(data.base64EncodedString()) }
        if T.self == URL.self, let url = value as? URL { return .string(url.absoluteString) }
        if T.self == Decimal.self, let decimal = value as? Decimal { return .number(decimal.description) }
        // A date encodes itself as its seconds since 2001 through a single-value container; written here, it needs
        // no encoder of its own, and nearly every fact carries one or more dates.
        if T.self == Date.self, let date = value as? Date, date.timeIntervalSinceReferenceDate.isFinite {
            return .finite(date.timeIntervalSinceReferenceDate)
        }
        let encoder = StoreJSONNodeEncoder(parent: parent, key: key)
        try value.encode(to: encoder)
        return encoder.node ?? .object(StoreJSONObject())
    }
}

extension StoreJSONNodeEncoder: SingleValueEncodingContainer {
    func encodeNil() throws { node = .null }
    func encode(_ value: Bool) throws { node = .bool(value) }
    func encode(_ value: String) throws { node = .string(value) }
    func encode(_ value: Double) throws { node = try .number(value, at: self, key: nil) }
    func encode(_ value: Float) throws { node = try .number(value, at: self) }
    func encode(_ value: Int) throws { node = .integer(Int64(value)) }
    func encode(_ value: Int8) throws { node = .integer(Int64(value)) }
    func encode(_ value: Int16) throws { node = .integer(Int64(value)) }
    func encode(_ value: Int32) throws { node = .integer(Int64(value)) }
    func encode(_ value: Int64) throws { node = .integer(value) }
    func encode(_ value: UInt) throws { node = .unsigned(UInt64(value)) }
    func encode(_ value: UInt8) throws { node = .unsigned(UInt64(value)) }
    func encode(_ value: UInt16) throws { node = .unsigned(UInt64(value)) }
    func encode(_ value: UInt32) throws { node = .unsigned(UInt64(value)) }
    func encode(_ value: UInt64) throws { node = .unsigned(value) }
    func encode<T: Encodable>(_ value: T) throws { node = try Self.box(value, parent: parent, key: key) }
}

extension StoreJSONNode {
    /// A float as its own shortest text (not widened to a double's digits), as `JSONEncoder` writes it.
    static func number(_ value: Float, at encoder: StoreJSONNodeEncoder) throws -> Self {
        guard value.isFinite else { return try number(Double(value), at: encoder, key: nil) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

/// A key that is not one of the value's own: "super", or a position in an array.
///
/// A position's text is made only when a coding path is read (for an error): every array element gets a key.
private struct StoreJSONKey: CodingKey {
    private let name: String?
    let intValue: Int?

    var stringValue: String { name ?? "Index \(intValue ?? 0)" }

    init(stringValue: String) {
        self.name = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.name = nil
        self.intValue = intValue
    }
}

private struct StoreJSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StoreJSONNodeEncoder
    let object: StoreJSONObject

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ key: some CodingKey, _ node: StoreJSONNode) {
        object.entries.append((key.stringValue, node))
    }

    mutating func encodeNil(forKey key: Key) throws { set(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        set(key, try .number(value, at: encoder, key: key))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(key, try .number(value, at: encoder)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, .integer(Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, .integer(Int64(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, .integer(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, .integer(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, .integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, .unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, .unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, .unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, .unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, .unsigned(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try StoreJSONNodeEncoder.box(value, parent: encoder, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = StoreJSONObject()
        set(key, .object(nested))
        return KeyedEncodingContainer(
            StoreJSONKeyedContainer<NestedKey>(encoder: StoreJSONNodeEncoder(parent: encoder, key: key), object: nested)
        )
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = StoreJSONArray()
        set(key, .array(nested))
        return StoreJSONUnkeyedContainer(encoder: StoreJSONNodeEncoder(parent: encoder, key: key), array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(at: StoreJSONKey(stringValue: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(at: key)
    }

    private func superEncoder(at key: some CodingKey) -> any Encoder {
        let child = StoreJSONNodeEncoder(parent: encoder, key: key)
        set(key, .deferred(child))
        return child
    }
}

private struct StoreJSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: StoreJSONNodeEncoder
    let array: StoreJSONArray

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.count }

    /// Adds an element encoded whole, so complete: it is written at once.
    private func append(_ node: StoreJSONNode) {
        array.appendWritten(node)
    }

    private var nextKey: StoreJSONKey { StoreJSONKey(intValue: count) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try .number(value, at: encoder, key: nextKey)) }
    mutating func encode(_ value: Float) throws { append(try .number(value, at: encoder)) }
    mutating func encode(_ value: Int) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append(.integer(value)) }
    mutating func encode(_ value: UInt) throws { append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { append(.unsigned(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try StoreJSONNodeEncoder.box(value, parent: encoder, key: nextKey))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = StoreJSONObject()
        let key = nextKey
        array.append(.object(nested))
        return KeyedEncodingContainer(
            StoreJSONKeyedContainer<NestedKey>(encoder: StoreJSONNodeEncoder(parent: encoder, key: key), object: nested)
        )
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = StoreJSONArray()
        let key = nextKey
        array.append(.array(nested))
        return StoreJSONUnkeyedContainer(encoder: StoreJSONNodeEncoder(parent: encoder, key: key), array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let child = StoreJSONNodeEncoder(parent: encoder, key: nextKey)
        array.append(.deferred(child))
        return child
    }
}
