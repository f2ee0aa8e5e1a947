/// A member's identity across the community: the platform it comes from and the platform's own user id.
///
/// Raw values look like `playground:alice` or `slack:U024BE7LH`, so one state can hold members from
/// several platforms without collisions.
public struct MemberID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible,
    CodingKeyRepresentable
{
    /// The full `platform:user` form.
    public let rawValue: String

    /// Wraps an already formed `platform:user` string.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Builds the id of `user` on `platform`.
    public init(platform: String, user: String) {
        self.rawValue = "\(platform):\(user)"
    }

    /// The platform part (`playground`, `slack`, …).
    public var platform: String {
        if let colon = wellFormedColon { return String(rawValue[..<colon]) }
        return rawValue.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
    }

    /// The platform's own user id.
    public var user: String {
        if let colon = wellFormedColon { return String(rawValue[rawValue.utf8.index(after: colon)...]) }
        let parts = rawValue.split(separator: ":", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : rawValue
    }

    /// The first colon of a `platform:user` id with both parts present. Rules and renderers ask for the parts on
    /// every request, and splitting the id into an array for them took about 1% of a kudos' CPU time; ids without
    /// both parts (never made by Convener) keep `split`'s reading.
    private var wellFormedColon: String.Index? {
        let bytes = rawValue.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon != bytes.startIndex,
            bytes.index(after: colon) != bytes.endIndex
        else { return nil }
        return colon
    }

    public var description: String { rawValue }

    public var codingKey: any CodingKey { MemberCodingKey(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) {
        self.rawValue = codingKey.stringValue
    }

    public static func < (lhs: MemberID, rhs: MemberID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Lets member ids be the keys of JSON objects, so state files stay readable.
private struct MemberCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        return nil
    }
}
