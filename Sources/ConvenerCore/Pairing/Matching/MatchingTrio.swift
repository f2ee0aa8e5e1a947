extension Matching {
    /// Three members meeting together: a matched pair plus one member who joined it.
    public struct Trio: Sendable, Hashable {
        /// The pair the extra member joined.
        public let host: Pair
        /// The member who joined the pair.
        public let joiner: Int
        /// The weight between `joiner` and `host.low`.
        public let joinerToLow: Int64
        /// The weight between `joiner` and `host.high`.
        public let joinerToHigh: Int64

        /// The three members, ascending.
        public var members: [Int] { [host.low, host.high, joiner].sorted() }
        /// The sum of the trio's three pair weights.
        public var weight: Int64 { host.weight + joinerToLow + joinerToHigh }

        /// Creates a trio from a host pair, the joiner, and the joiner's weights to both hosts.
        public init(host: Pair, joiner: Int, joinerToLow: Int64, joinerToHigh: Int64) {
            self.host = host
            self.joiner = joiner
            self.joinerToLow = joinerToLow
            self.joinerToHigh = joinerToHigh
        }
    }
}
