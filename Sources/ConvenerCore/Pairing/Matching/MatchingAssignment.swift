extension Matching {
    /// The outcome of a mentor/mentee assignment.
    public struct Assignment: Sendable, Hashable {
        /// Assigned pairs, sorted by mentee.
        public let pairs: [MentorPair]
        /// Mentees left without a mentor, ascending.
        public let unassignedMentees: [Int]
        /// The sum of the weights of the assigned pairs.
        public let totalWeight: Int64

        /// Creates an assignment result.
        public init(pairs: [MentorPair], unassignedMentees: [Int], totalWeight: Int64) {
            self.pairs = pairs
            self.unassignedMentees = unassignedMentees
            self.totalWeight = totalWeight
        }
    }
}
