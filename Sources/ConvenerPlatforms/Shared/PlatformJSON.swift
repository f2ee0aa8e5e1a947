import Foundation

/// A JSON value, used both to read platform payloads and to build the bodies Convener sends back.
///
/// Encoding sorts object keys and leaves slashes unescaped, so the same message always renders to the same bytes.
public enum PlatformJSON: Sendable, Equatable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without a fraction that fits `Int`.
    case int(Int)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([PlatformJSON])
    /// An object; keys are sorted when encoded.
    case object([String: PlatformJSON])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: PlatformJSON...) { self = .array(elements) }

    public init(dictionaryLiteral elements: (String, PlatformJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([PlatformJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: PlatformJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses a request body; a body that is not JSON is a `malformedBody` error naming the byte offset.
    public static func parse(_ data: Data, what: String) throws(PlatformParseError) -> PlatformJSON {
        switch PlatformJSONParser.parse(Array(data)) {
        case .success(let value):
            return value
        case .failure(let error):
            throw .malformedBody("\(what) is not valid JSON: \(error.message) at byte \(error.offset).")
        }
    }

    /// The value as compact JSON with sorted keys.
    public var encoded: Data {
        Data(PlatformJSONWriter.write(self))
    }

    /// The value as compact JSON text with sorted keys.
    public var encodedString: String {
        String(decoding: PlatformJSONWriter.write(self), as: UTF8.self)
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [PlatformJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object's members, if this is an object.
    public var objectValue: [String: PlatformJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member `key`, if this is an object that has it.
    public subscript(key: String) -> PlatformJSON? {
        objectValue?[key]
    }
}
