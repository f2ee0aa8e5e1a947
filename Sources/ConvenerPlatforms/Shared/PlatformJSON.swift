import ConvenerCore
import Foundation

/// The platforms' name for the one JSON value type, `JSONValue`: the adapters read payloads and build bodies with
/// it. An alias, not a second type, so platform code and the store's migrations share one value.
public typealias PlatformJSON = JSONValue

extension JSONValue {
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
}
