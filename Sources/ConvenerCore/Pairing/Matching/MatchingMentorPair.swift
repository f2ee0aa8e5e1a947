extension Matching {
    /// One mentee assigned to one mentor, with the weight of that pairing.
    public struct MentorPair: Sendable, Hashable {
        /// The mentor index (row of the weight matrix).
        public let mentor: Int
        /// The mentee index (column of the weight matrix).
        public let mentee: Int
        /// The weight of the pairing.
        public let weight: Int64

        /// Creates a mentor/mentee pair.
        public init(mentor: Int, mentee: Int, weight: Int64) {
            self.mentor = mentor
            self.mentee = mentee
            self.weight = weight
        }
    }
}
