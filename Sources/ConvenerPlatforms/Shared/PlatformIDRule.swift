/// How one kind of platform id looks (a channel id, a workspace id), and what the config says when a value
/// does not look like one.
public struct PlatformIDRule: Sendable {
    /// Whether `text` is such an id.
    public var isValid: @Sendable (String) -> Bool
    /// The rest of "'text' is not …", e.g. `a Slack channel id; copy it from the channel's details (e.g. C024BE91L)`.
    public var problem: String

    /// Creates a rule.
    public init(problem: String, isValid: @escaping @Sendable (String) -> Bool) {
        self.problem = problem
        self.isValid = isValid
    }
}
