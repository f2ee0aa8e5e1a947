/// A new poll as typed: `/cop poll "Question?" "A" "B" [--multi | --max N] [--anonymous] [--hidden] [--closes …]`.
public struct CommandPollRequest: Sendable, Equatable, Hashable {
    /// The question, trimmed and non-empty.
    public let question: String
    /// The options in the order typed: 2…10, trimmed, non-empty, different ignoring case.
    public let options: [String]
    /// How many options one member may pick: 1 for a single-choice poll, the option count for `--multi`,
    /// N for `--max N`.
    public let maxChoices: Int
    /// `--anonymous`: only counters are kept, never who voted for what.
    public let isAnonymous: Bool
    /// `--hidden`: results stay hidden until the poll closes.
    public let hidesResultsUntilClosed: Bool
    /// `--closes`: when the poll closes by itself, if given.
    public let closes: CommandDeadline?

    /// Creates a request; the parser has already checked the fields.
    public init(
        question: String, options: [String], maxChoices: Int = 1, isAnonymous: Bool = false,
        hidesResultsUntilClosed: Bool = false, closes: CommandDeadline? = nil
    ) {
        self.question = question
        self.options = options
        self.maxChoices = maxChoices
        self.isAnonymous = isAnonymous
        self.hidesResultsUntilClosed = hidesResultsUntilClosed
        self.closes = closes
    }

    /// Whether a member may pick more than one option.
    public var allowsMultipleChoices: Bool {
        maxChoices > 1
    }
}
