/// What one prompt source (the built-in library or a convenor's folder) contributed, for the start-up summary.
public struct PromptSourceSummary: Sendable, Equatable, CustomStringConvertible {
    /// `built in`, or the folder's path.
    public var name: String
    /// Prompts with new ids.
    public var added = 0
    /// Built-in prompts this source replaced by id.
    public var replaced = 0

    /// An empty summary for `name`.
    public init(name: String, added: Int = 0, replaced: Int = 0) {
        self.name = name
        self.added = added
        self.replaced = replaced
    }

    /// `built in: 144 prompts`, or `my-prompts: 3 added, 1 replacing built-in prompts`.
    public var description: String {
        guard name != PromptLibraryLoader.builtInName else { return "\(name): \(added) prompts" }
        return "\(name): \(added) added, \(replaced) replacing built-in prompts"
    }
}
