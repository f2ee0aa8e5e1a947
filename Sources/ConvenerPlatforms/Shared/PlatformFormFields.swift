import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or URL query, in order.
public struct PlatformFormFields: Sendable, Equatable {
    /// One decoded `name=value` pair.
    public struct Field: Sendable, Equatable {
        /// The decoded name.
        public var name: String
        /// The decoded value.
        public var value: String
    }

    /// The pairs, in the order they were sent.
    public var fields: [Field]

    /// Decodes a form body or query string (`+` is a space, `%XX` a byte, the result must be UTF-8).
    public init(decoding data: Data) throws(PlatformParseError) {
        var fields: [Field] = []
        var offset = 0
        // An array, not `Data`: indexing `Data` byte by byte costs several times more, on every Slack request.
        let bytes = [UInt8](data)
        for segment in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            defer { offset += segment.count + 1 }
            if segment.isEmpty { continue }
            let equals = segment.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { segment[segment.startIndex..<$0] } ?? segment[...]
            let rawValue = equals.map { segment[segment.index(after: $0)...] } ?? []
            let name = try Self.decodeComponent(rawName, at: offset)
            let value = try Self.decodeComponent(rawValue, at: offset + rawName.count + 1)
            fields.append(Field(name: name, value: value))
        }
        self.fields = fields
    }

    /// Decodes a query string such as `token=abc&text=poll`; a leading `?` is skipped.
    public init(query: String) throws(PlatformParseError) {
        let trimmed = query.hasPrefix("?") ? String(query.dropFirst()) : query
        try self.init(decoding: Data(trimmed.utf8))
    }

    /// The first value of `name`, if sent.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The first value of `name`; absent or empty is a `missingField` error.
    public func require(_ name: String) throws(PlatformParseError) -> String {
        guard let value = self[name] else { throw .missingField(name) }
        guard !value.isEmpty else { throw .invalidValue(field: name, reason: "is empty") }
        return value
    }

    /// The first value of `name`, or nil when absent or empty.
    public func optional(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }

    private static func decodeComponent(_ bytes: ArraySlice<UInt8>, at offset: Int) throws(PlatformParseError) -> String
    {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let position = offset + (index - bytes.startIndex)
                guard index + 3 <= bytes.endIndex,
                    let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else {
                    throw .malformedBody("invalid %-escape at byte \(position) of the form body; escape '%' as %25.")
                }
                decoded.append(high << 4 | low)
                index += 2
            } else {
                decoded.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw .malformedBody("the form field at byte \(offset) is not valid UTF-8.")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
