import Foundation

/// A change to the record of what the community's prompts drew, journaled inside `Fact`.
public enum PromptFact: Codable, Sendable, Equatable {
    /// A prompt of `theme` was queued for the channel as the outbox message `message`.
    case posted(message: String, theme: String, prompt: String, at: Date)
    /// A member replied in the thread of the prompt `message` (posted within its answer window).
    case replied(message: String, member: MemberID, at: Date)
    /// Someone reacted to the prompt `message`; who does not matter, so it is not kept.
    case reacted(message: String, at: Date)
    /// The answer window of the prompt `message` ended: its answerers are forgotten, its counts stay in the history.
    case windowClosed(message: String)
}
