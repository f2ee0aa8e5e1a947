extension Matching {
    /// An undirected candidate edge between two members (node indices) with an integer weight.
    public struct Edge: Sendable, Hashable {
        /// One endpoint, a node index in `0..<nodeCount`.
        public let a: Int
        /// The other endpoint, a node index in `0..<nodeCount`.
        public let b: Int
        /// How good the pair is; larger is better. Must satisfy `abs(weight) <= maximumAbsoluteWeight`.
        public let weight: Int64

        /// Creates an edge between `a` and `b` with the given weight.
        public init(_ a: Int, _ b: Int, weight: Int64) {
            self.a = a
            self.b = b
            self.weight = weight
        }
    }
}
