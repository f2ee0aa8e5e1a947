extension Matching {
    /// Two matched nodes with the weight of the edge that joins them.
    public struct Pair: Sendable, Hashable {
        /// The smaller node index.
        public let low: Int
        /// The larger node index.
        public let high: Int
        /// The weight of the edge between `low` and `high`.
        public let weight: Int64

        /// Creates a pair; the endpoints are ordered so that `low < high`.
        public init(_ first: Int, _ second: Int, weight: Int64) {
            self.low = min(first, second)
            self.high = max(first, second)
            self.weight = weight
        }
    }
}
