/// A theme of the prompt library: its title and description for convenors, and its prompts in library order.
public struct PromptTheme: Sendable, Hashable, Codable {
    /// The theme id, lower-case words joined by hyphens (`show-and-tell`).
    public var id: String
    /// The name people see.
    public var title: String
    /// One or two sentences for the convenor.
    public var description: String
    /// The prompts, built-in ones first, then those added by convenors' folders in the order read.
    public var prompts: [DiscussionPrompt]

    /// Creates a theme.
    public init(id: String, title: String, description: String, prompts: [DiscussionPrompt] = []) {
        self.id = id
        self.title = title
        self.description = description
        self.prompts = prompts
    }
}
