/// What happened in a community during one week, counted as facts are applied: numbers only, never who.
public struct WeekCounts: Codable, Sendable, Equatable {
    /// Members seen for the first time.
    public var joined = 0
    /// Members who left the community's channel or workspace.
    public var left = 0
    /// Members marked quiet (`member.inactive` raised).
    public var wentQuiet = 0
    /// Quiet members who were active again.
    public var returned = 0
    /// Of `returned`, those back within 14 days of being marked quiet (and nudged, where a rule nudges).
    public var returnedWithin14Days = 0
    /// Plain messages.
    public var messages = 0
    /// `/cop` commands.
    public var commands = 0
    /// Emoji reactions.
    public var reactions = 0
    /// Polls opened.
    public var pollsOpened = 0
    /// Poll votes cast.
    public var pollVotes = 0
    /// Members invited to the surveys opened.
    public var surveysInvited = 0
    /// Survey answers.
    public var surveyResponses = 0
    /// Kudos given.
    public var kudos = 0
    /// Pairing groups introduced.
    public var pairingIntros = 0
    /// Pairing groups that confirmed they met.
    public var meetingsConfirmed = 0
    /// Discussion prompts posted.
    public var promptsPosted = 0
    /// Weekly round-ups posted.
    public var roundUpsPosted = 0
    /// Replies in the threads of prompts (within their answer window).
    public var promptReplies = 0
    /// Reactions on prompts (within their answer window).
    public var promptReactions = 0
    /// Members who replied to a prompt, once per prompt.
    public var promptAnswerers = 0
    /// The same per theme of the prompt, with the prompts posted, by theme id.
    public var promptThemes: [String: PromptThemeCounts] = [:]
    /// Moves between engagement tiers, by `"from>to"` (`"peripheral>occasional"`).
    public var tierMoves: [String: Int] = [:]
    /// What the round-up reported beyond counts: closed polls and surveys, kudos themes (no member, no kudos text).
    public var roundUp = RoundUpRecord()

    /// Nothing counted yet.
    public init() {}

    /// Decodes counts; every field defaults to zero, so counts written before a field existed still read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func count(_ key: CodingKeys) throws -> Int { try container.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        joined = try count(.joined)
        left = try count(.left)
        wentQuiet = try count(.wentQuiet)
        returned = try count(.returned)
        returnedWithin14Days = try count(.returnedWithin14Days)
        messages = try count(.messages)
        commands = try count(.commands)
        reactions = try count(.reactions)
        pollsOpened = try count(.pollsOpened)
        pollVotes = try count(.pollVotes)
        surveysInvited = try count(.surveysInvited)
        surveyResponses = try count(.surveyResponses)
        kudos = try count(.kudos)
        pairingIntros = try count(.pairingIntros)
        meetingsConfirmed = try count(.meetingsConfirmed)
        promptsPosted = try count(.promptsPosted)
        roundUpsPosted = try count(.roundUpsPosted)
        promptReplies = try count(.promptReplies)
        promptReactions = try count(.promptReactions)
        promptAnswerers = try count(.promptAnswerers)
        promptThemes = try container.decodeIfPresent([String: PromptThemeCounts].self, forKey: .promptThemes) ?? [:]
        tierMoves = try container.decodeIfPresent([String: Int].self, forKey: .tierMoves) ?? [:]
        roundUp = try container.decodeIfPresent(RoundUpRecord.self, forKey: .roundUp) ?? RoundUpRecord()
    }

    /// The key of a move in `tierMoves`.
    public static func moveKey(from: EngagementTier, to: EngagementTier) -> String {
        "\(from.rawValue)>\(to.rawValue)"
    }

    /// Moves towards the core (peripheral → occasional, …).
    public var movedInwards: Int {
        tierMoves.reduce(0) { total, move in total + (Self.isInwards(move.key) ? move.value : 0) }
    }

    /// Moves away from the core.
    public var movedOutwards: Int {
        tierMoves.values.reduce(0, +) - movedInwards
    }

    private static func isInwards(_ key: String) -> Bool {
        let parts = key.split(separator: ">").compactMap { EngagementTier(rawValue: String($0)) }
        return parts.count == 2 && parts[0] < parts[1]
    }
}
