import Foundation

/// What the community knows about one member.
public struct Member: Codable, Sendable, Equatable {
    /// The member's identity.
    public var id: MemberID
    /// The name the platform shows for the member.
    public var displayName: String
    /// When the member was first seen.
    public var joinedAt: Date
    /// When the member last did anything the community can see.
    public var lastActiveAt: Date
    /// How much the member has done, by kind.
    public var activity: MemberActivity
    /// Labels rules put on the member (e.g. `nudged`), sorted.
    public var tags: [String]

    /// A member seen for the first time at `now`.
    public init(id: MemberID, displayName: String, joinedAt: Date) {
        self.id = id
        self.displayName = displayName
        self.joinedAt = joinedAt
        self.lastActiveAt = joinedAt
        self.activity = MemberActivity()
        self.tags = []
    }
}

/// Counters of a member's activity; later issues weight and decay them into tiers.
public struct MemberActivity: Codable, Sendable, Equatable {
    /// Plain messages posted in the community's channels.
    public var messages: Int = 0
    /// `/cop` commands used.
    public var commands: Int = 0
    /// Poll votes cast (counted, never which poll).
    public var votes: Int = 0
    /// Kudos given.
    public var kudos: Int = 0
    /// Surveys answered (counted, never which survey).
    public var surveys: Int = 0
    /// Pairing meetings confirmed.
    public var meetings: Int = 0
    /// Emoji reactions added to messages.
    public var reactions: Int = 0

    /// No activity yet.
    public init() {}

    /// Decodes counters; records written before votes, kudos, surveys and meetings were counted lack them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messages = try container.decodeIfPresent(Int.self, forKey: .messages) ?? 0
        commands = try container.decodeIfPresent(Int.self, forKey: .commands) ?? 0
        votes = try container.decodeIfPresent(Int.self, forKey: .votes) ?? 0
        kudos = try container.decodeIfPresent(Int.self, forKey: .kudos) ?? 0
        surveys = try container.decodeIfPresent(Int.self, forKey: .surveys) ?? 0
        meetings = try container.decodeIfPresent(Int.self, forKey: .meetings) ?? 0
        reactions = try container.decodeIfPresent(Int.self, forKey: .reactions) ?? 0
    }

    /// Counts one more activity of `kind`.
    public mutating func record(_ kind: ActivityKind) {
        switch kind {
        case .message: messages += 1
        case .command: commands += 1
        case .vote: votes += 1
        case .kudos: kudos += 1
        case .survey: surveys += 1
        case .meeting: meetings += 1
        case .reaction: reactions += 1
        }
    }
}

/// The kinds of activity Convener counts.
public enum ActivityKind: String, Codable, Sendable, Equatable {
    case message
    case command
    case vote
    case kudos
    case survey
    case meeting
    case reaction
}
