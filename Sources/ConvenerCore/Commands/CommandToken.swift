/// One word of a command: its text without quotes, whether it was quoted, and where it was typed.
struct CommandToken: Sendable, Equatable {
    /// The text, with quotes removed and escapes resolved.
    let text: String
    /// Whether the word was quoted, which makes it an argument even if it looks like a flag or subcommand.
    let isQuoted: Bool
    /// The index of its first character in the scanned text.
    let start: Int
    /// The index just after its last character (after the closing quote, if any).
    let end: Int
}
