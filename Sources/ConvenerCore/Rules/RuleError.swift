/// Why the engine cannot do what was asked of it (as opposed to a rule that ran and failed, which is traced).
public enum RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No rule has this id; `suggestion` is the closest id, if any.
    case unknownRule(String, suggestion: String?)
    /// An event file (for `rules explain --event`) could not be read; the message says what to fix.
    case invalidEvent(String)

    /// What to tell the convenor.
    public var description: String {
        switch self {
        case .unknownRule(let id, let suggestion):
            "there is no rule '\(id)'" + (suggestion.map { "; did you mean \($0)?" } ?? "")
                + "; /cop rules list shows the rules"
        case .invalidEvent(let message):
            "invalid event: \(message); expected {\"type\": \"member.joined\", \"member\": \"playground:ada\", "
                + "\"payload\": {…}, \"cause\": []}"
        }
    }
}
