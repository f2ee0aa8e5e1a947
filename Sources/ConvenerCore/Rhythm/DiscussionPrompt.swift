/// One discussion prompt from the library: `reflection-07` with its text and an optional follow-up question.
public struct DiscussionPrompt: Sendable, Hashable, Codable {
    /// The stable id, `<theme>-NN`; rotation and overrides refer to it.
    public var id: String
    /// The theme it belongs to.
    public var theme: String
    /// The prompt as posted, one paragraph of plain text.
    public var text: String
    /// A question that takes the conversation further, if any.
    public var followUp: String?

    /// Creates a prompt.
    public init(id: String, theme: String, text: String, followUp: String? = nil) {
        self.id = id
        self.theme = theme
        self.text = text
        self.followUp = followUp
    }
}
