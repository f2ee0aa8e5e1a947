/// A survey to open, as typed: `/cop survey start TEMPLATE [--closes 7d] [--k 5]`.
public struct CommandSurveyRequest: Sendable, Equatable, Hashable {
    /// The template name, such as `pulse` (letters, digits, `-`, `_` and `.`).
    public let template: String
    /// `--closes`: when the survey closes, if given (otherwise the template's or config's default).
    public let closes: CommandDeadline?
    /// `--k`: the anonymity threshold, at least 3, if given (otherwise the default, 5).
    public let anonymityThreshold: Int?

    /// Creates a request; the parser has already checked the fields.
    public init(template: String, closes: CommandDeadline? = nil, anonymityThreshold: Int? = nil) {
        self.template = template
        self.closes = closes
        self.anonymityThreshold = anonymityThreshold
    }
}
