/// The discussion prompts a community rotates through, grouped by theme.
public struct PromptLibrary: Sendable, Hashable, Codable {
    /// The themes in the order they were first read.
    public private(set) var themes: [PromptTheme]

    /// Creates a library from `themes`.
    public init(themes: [PromptTheme] = []) {
        self.themes = themes
    }

    /// The theme with id `id`, if any.
    public func theme(_ id: String) -> PromptTheme? {
        themes.first { $0.id == id }
    }

    /// The prompt with id `id`, in whichever theme it is.
    public func prompt(id: String) -> DiscussionPrompt? {
        for theme in themes {
            if let prompt = theme.prompts.first(where: { $0.id == id }) { return prompt }
        }
        return nil
    }

    /// Every prompt, theme by theme, in library order.
    public var allPrompts: [DiscussionPrompt] { themes.flatMap(\.prompts) }

    /// The number of prompts in all themes.
    public var promptCount: Int { themes.reduce(0) { $0 + $1.prompts.count } }
}
