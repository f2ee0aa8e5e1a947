extension Matching {
    /// A pairing round's groups: pairs, at most one trio, and the members who could not be placed.
    public struct Groups: Sendable, Hashable {
        /// Groups of two (the trio's host pair is not repeated here), sorted by `low`.
        public let pairs: [Pair]
        /// The one group of three, when someone would otherwise be left alone.
        public let trio: Trio?
        /// Nodes without any candidate edge; nobody can be paired with them. Ascending.
        public let isolated: [Int]
        /// Nodes with candidate edges that still fit in no group (their only candidates are taken
        /// and form no triangle with them). Empty whenever a near-perfect matching exists. Ascending.
        public let unplaced: [Int]
        /// The sum of all pair weights plus the trio's three edge weights.
        public let totalWeight: Int64

        /// Creates a grouping.
        public init(pairs: [Pair], trio: Trio?, isolated: [Int], unplaced: [Int], totalWeight: Int64) {
            self.pairs = pairs
            self.trio = trio
            self.isolated = isolated
            self.unplaced = unplaced
            self.totalWeight = totalWeight
        }
    }
}
