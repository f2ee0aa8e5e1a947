/// What a rule can do: a closed set that later issues extend, one case per YAML action key.
///
/// Texts are `RuleTemplate`s over the rule's variables. Actions whose feature is not built yet still parse,
/// validate and come out of the engine as typed `RuleEffect`s, so rules can be written today.
public enum RuleAction: Sendable {
    /// `post`: a message in the community channel (or `channel`).
    case post(text: RuleTemplate, channel: String?)
    /// `dm`: a direct message to the member the run is for.
    case directMessage(text: RuleTemplate)
    /// `notify.convenors`: a direct message to every convenor.
    case notifyConvenors(text: RuleTemplate)
    /// `member.tag`: adds a tag to the member the run is for.
    case tagMember(tag: RuleTemplate)
    /// `member.untag`: removes a tag from the member the run is for.
    case untagMember(tag: RuleTemplate)
    /// `prompt.post`: the next discussion prompt from the library, optionally from one theme.
    case postPrompt(theme: String?)
    /// `poll.start`: a poll in the channel.
    case startPoll(RulePollAction)
    /// `survey.start`: opens a survey from the survey library by id.
    case startSurvey(survey: String)
    /// `pairing.round`: a round of coffee or mentorship pairs.
    case pairingRound(kind: RulePairingKind)
    /// `digest.post`: the round-up digest covering the last `days` days.
    case postDigest(days: Int)
    /// `nudge`: a gentle re-engagement message to the member the run is for, or a suggestion to a buddy.
    case nudge(style: RuleNudgeStyle)

    /// Every action key a rule may use, in the order the reference lists them.
    public static let keys = [
        "post", "dm", "notify.convenors", "member.tag", "member.untag", "prompt.post", "poll.start",
        "survey.start", "pairing.round", "digest.post", "nudge",
    ]

    /// The YAML key of the action.
    public var key: String {
        switch self {
        case .post: "post"
        case .directMessage: "dm"
        case .notifyConvenors: "notify.convenors"
        case .tagMember: "member.tag"
        case .untagMember: "member.untag"
        case .postPrompt: "prompt.post"
        case .startPoll: "poll.start"
        case .startSurvey: "survey.start"
        case .pairingRound: "pairing.round"
        case .postDigest: "digest.post"
        case .nudge: "nudge"
        }
    }

    /// Whether the action is about one member, so the run needs a `member` (from the event or `foreach`).
    public var needsMember: Bool {
        switch self {
        case .directMessage, .tagMember, .untagMember, .nudge: true
        default: false
        }
    }

    /// The action's templates with their paths below the action (`text`, `options[1]`), for compiling.
    var templatePaths: [(path: String, template: RuleTemplate)] {
        switch self {
        case .post(let text, _), .directMessage(let text), .notifyConvenors(let text): [("text", text)]
        case .tagMember(let tag), .untagMember(let tag): [("tag", tag)]
        case .startPoll(let poll):
            [("question", poll.question)] + poll.options.enumerated().map { ("options[\($0.offset)]", $0.element) }
        case .postPrompt, .startSurvey, .pairingRound, .postDigest, .nudge: []
        }
    }

    /// The same action with its templates replaced, in `templatePaths` order.
    func replacingTemplates(_ templates: [RuleTemplate]) -> RuleAction {
        switch self {
        case .post(_, let channel): return .post(text: templates[0], channel: channel)
        case .directMessage: return .directMessage(text: templates[0])
        case .notifyConvenors: return .notifyConvenors(text: templates[0])
        case .tagMember: return .tagMember(tag: templates[0])
        case .untagMember: return .untagMember(tag: templates[0])
        case .startPoll(var poll):
            poll.question = templates[0]
            poll.options = Array(templates.dropFirst())
            return .startPoll(poll)
        case .postPrompt, .startSurvey, .pairingRound, .postDigest, .nudge: return self
        }
    }
}

/// The parameters of `poll.start`.
public struct RulePollAction: Sendable {
    /// The question.
    public var question: RuleTemplate
    /// The choices, 2 to 10.
    public var options: [RuleTemplate]
    /// How many choices a member may pick (1 = single choice).
    public var maxChoices: Int
    /// Whether only counters are kept, never who voted.
    public var anonymous: Bool
    /// How long the poll stays open, in seconds; nil leaves it open until closed by hand.
    public var closesAfter: Double?

    /// Poll parameters.
    public init(
        question: RuleTemplate, options: [RuleTemplate], maxChoices: Int = 1, anonymous: Bool = false,
        closesAfter: Double? = nil
    ) {
        self.question = question
        self.options = options
        self.maxChoices = maxChoices
        self.anonymous = anonymous
        self.closesAfter = closesAfter
    }
}

/// Which kind of pairing round `pairing.round` starts.
public enum RulePairingKind: String, Sendable, Codable, CaseIterable {
    /// Random-ish coffee pairs among opted-in members.
    case coffee
    /// Mentor–mentee pairs (peripheral with core).
    case mentorship
}

/// How `nudge` re-engages a quiet member.
public enum RuleNudgeStyle: String, Sendable, Codable, CaseIterable {
    /// One gentle direct message to the member.
    case gentle
    /// A suggestion to one of the member's core buddies to reach out.
    case buddy
}
