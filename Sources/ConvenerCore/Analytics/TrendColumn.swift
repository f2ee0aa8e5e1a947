/// One figure of the weekly history, as the trends API, the CSV export, the charts and the report name it.
///
/// The one list of figures: the JSON keys, the CSV header and the tables all read it, so a new figure is one case.
public enum TrendColumn: String, CaseIterable, Sendable {
    case members
    case core
    case active
    case occasional
    case peripheral
    case activeMembers
    case joined
    case left
    case wentQuiet
    case returned
    case returnedWithin14Days
    case messages
    case commands
    case reactions
    case pollsOpened
    case pollVotes
    case surveysInvited
    case surveyResponses
    case kudos
    case pairingIntros
    case meetingsConfirmed
    case movedInwards
    case movedOutwards
    case promptsPosted
    case promptReplies
    case promptReactions
    case promptAnswerers
    case roundUpsPosted

    /// The figure's name for people.
    public var title: String {
        switch self {
        case .members: "Members"
        case .core: "Core"
        case .active: "Active tier"
        case .occasional: "Occasional"
        case .peripheral: "Peripheral"
        case .activeMembers: "Active members"
        case .joined: "Joined"
        case .left: "Left"
        case .wentQuiet: "Went quiet"
        case .returned: "Returned"
        case .returnedWithin14Days: "Returned within 14 days"
        case .messages: "Messages"
        case .commands: "Commands"
        case .reactions: "Reactions"
        case .pollsOpened: "Polls opened"
        case .pollVotes: "Poll votes"
        case .surveysInvited: "Survey invitations"
        case .surveyResponses: "Survey responses"
        case .kudos: "Kudos"
        case .pairingIntros: "Pairing intros"
        case .meetingsConfirmed: "Meetings confirmed"
        case .movedInwards: "Moved towards the core"
        case .movedOutwards: "Moved outwards"
        case .promptsPosted: "Prompts posted"
        case .promptReplies: "Prompt replies"
        case .promptReactions: "Reactions on prompts"
        case .promptAnswerers: "Prompt answerers"
        case .roundUpsPosted: "Round-ups posted"
        }
    }

    /// Whether the figure counts members or their acts, and so is held to the k-floor; Convener's own posts
    /// (prompts, round-ups) name nobody and are shown as they are.
    public var isAboutMembers: Bool {
        switch self {
        case .promptsPosted, .roundUpsPosted: false
        default: true
        }
    }

    /// The figure in `week`.
    public func count(in week: WeeklyAggregate) -> Int {
        let counts = week.counts
        switch self {
        case .members: return week.members
        case .core: return week.members(in: .core)
        case .active: return week.members(in: .active)
        case .occasional: return week.members(in: .occasional)
        case .peripheral: return week.members(in: .peripheral)
        case .activeMembers: return week.activeMembers
        case .joined: return counts.joined
        case .left: return counts.left
        case .wentQuiet: return counts.wentQuiet
        case .returned: return counts.returned
        case .returnedWithin14Days: return counts.returnedWithin14Days
        case .messages: return counts.messages
        case .commands: return counts.commands
        case .reactions: return counts.reactions
        case .pollsOpened: return counts.pollsOpened
        case .pollVotes: return counts.pollVotes
        case .surveysInvited: return counts.surveysInvited
        case .surveyResponses: return counts.surveyResponses
        case .kudos: return counts.kudos
        case .pairingIntros: return counts.pairingIntros
        case .meetingsConfirmed: return counts.meetingsConfirmed
        case .movedInwards: return counts.movedInwards
        case .movedOutwards: return counts.movedOutwards
        case .promptsPosted: return counts.promptsPosted
        case .promptReplies: return counts.promptReplies
        case .promptReactions: return counts.promptReactions
        case .promptAnswerers: return counts.promptAnswerers
        case .roundUpsPosted: return counts.roundUpsPosted
        }
    }

    /// The figure in `week` as it may be shown with threshold `k`.
    public func shown(in week: WeeklyAggregate, k: Int) -> ShownCount {
        isAboutMembers ? ShownCount(count(in: week), k: k) : .value(count(in: week))
    }
}
