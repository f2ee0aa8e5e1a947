/// A count as it may be shown or exported: the number when it is at least k (the anonymity threshold), otherwise
/// only that it is below k, so no small group of members can be picked out of a chart, a table or an export.
public enum ShownCount: Sendable, Equatable, Encodable {
    /// The count, at least k (or a figure about Convener's own posts, which names no member).
    case value(Int)
    /// Fewer than k.
    case belowK(Int)

    /// `count` shown against threshold `k`.
    public init(_ count: Int, k: Int) {
        self = count >= k ? .value(count) : .belowK(k)
    }

    /// The text shown: `42` or `< 5`.
    public var text: String {
        switch self {
        case .value(let count): "\(count)"
        case .belowK(let k): "< \(k)"
        }
    }

    /// The number when it may be shown.
    public var number: Int? {
        if case .value(let count) = self { return count }
        return nil
    }

    /// Encodes as a JSON number, or as the string `"< k"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .value(let count): try container.encode(count)
        case .belowK: try container.encode(text)
        }
    }
}
