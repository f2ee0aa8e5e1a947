extension Matching {
    /// The outcome of a maximum-weight matching: disjoint pairs and their total weight.
    public struct Result: Sendable, Hashable {
        /// Matched pairs `(low, high)` with `low < high`, sorted by `low`.
        public let pairs: [Pair]
        /// The sum of the weights of the matched edges.
        public let totalWeight: Int64

        /// Creates a result from pairs and their total weight.
        public init(pairs: [Pair], totalWeight: Int64) {
            self.pairs = pairs
            self.totalWeight = totalWeight
        }
    }
}
