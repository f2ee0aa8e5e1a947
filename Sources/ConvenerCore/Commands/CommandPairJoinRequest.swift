/// A pairing opt-in as typed: `/cop pair join [--role …] [--interests a,b] [--tz Area/City] [--capacity N]`.
///
/// A field left `nil` was not typed: the reducer keeps the member's current value or the program's default.
public struct CommandPairJoinRequest: Sendable, Equatable, Hashable {
    /// The role asked for in a mentoring program.
    public enum Role: String, Sendable, Equatable, Hashable, CaseIterable {
        /// Offers to mentor others.
        case mentor
        /// Would like a mentor.
        case mentee
        /// Pairs as an equal, as in coffee pairing.
        case peer
    }

    /// `--role`: mentor, mentee or peer.
    public let role: Role?
    /// `--interests`: trimmed, lowercased, without duplicates or empty entries, in the order typed.
    public let interests: [String]?
    /// `--tz`: a canonical IANA zone identifier such as `Europe/Berlin`.
    public let timeZone: String?
    /// `--capacity`: how many pairs (or mentees) per round, at least 1.
    public let capacity: Int?

    /// Creates a request; the parser has already checked the fields.
    public init(role: Role? = nil, interests: [String]? = nil, timeZone: String? = nil, capacity: Int? = nil) {
        self.role = role
        self.interests = interests
        self.timeZone = timeZone
        self.capacity = capacity
    }
}
