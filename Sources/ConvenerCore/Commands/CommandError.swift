/// A chat command the parser could not accept: what is wrong, and how the command is used.
///
/// `message` is one sentence naming the problem; `usage` holds the usage line(s) of the command
/// concerned, one per line, each starting with `/cop`.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One sentence that names the problem and, where possible, what to type instead.
    public let message: String
    /// The usage line(s) of the command concerned, separated by newlines.
    public let usage: String

    /// Creates an error from a message and the usage line(s) to show with it.
    public init(message: String, usage: String) {
        self.message = message
        self.usage = usage
    }

    /// The message followed by the usage, as a chat reply would show it.
    public var description: String {
        message + "\nUsage: " + usage
    }
}
