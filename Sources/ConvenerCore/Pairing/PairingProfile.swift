import Foundation

/// One member's pairing preferences, from `/cop pair join` and its companions.
public struct PairingProfile: Codable, Sendable, Equatable {
    /// The role a member takes in pairing.
    public enum Role: String, Codable, Sendable, Equatable, CaseIterable {
        /// Offers to mentor others (and also has coffee with peers).
        case mentor
        /// Would like a mentor (and also has coffee with peers).
        case mentee
        /// Coffee chats only.
        case peer
    }

    /// Whose profile it is.
    public var member: MemberID
    /// Mentor, mentee or peer.
    public var role: Role
    /// Interests, lowercased, in the order given.
    public var interests: [String]
    /// An IANA time zone; nil means the community's.
    public var timeZone: String?
    /// How many mentees a mentor takes per round (at least 1).
    public var capacity: Int
    /// Whether the member takes part; `/cop pair leave` clears it but keeps the rest for a later join.
    public var optedIn: Bool
    /// Until when `/cop pair pause` skips them; nil when not paused.
    public var pausedUntil: Date?
    /// Members they asked never to be paired with (`/cop pair not`), sorted.
    public var avoid: [MemberID]

    /// A profile.
    public init(
        member: MemberID, role: Role = .peer, interests: [String] = [], timeZone: String? = nil, capacity: Int = 1,
        optedIn: Bool = true, pausedUntil: Date? = nil, avoid: [MemberID] = []
    ) {
        self.member = member
        self.role = role
        self.interests = interests
        self.timeZone = timeZone
        self.capacity = capacity
        self.optedIn = optedIn
        self.pausedUntil = pausedUntil
        self.avoid = avoid
    }

    /// Whether `/cop pair pause` still holds at `now`.
    public func isPaused(at now: Date) -> Bool {
        pausedUntil.map { $0 > now } ?? false
    }
}
