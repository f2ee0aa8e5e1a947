/// What a platform can show; the pipeline reads it (late replies) instead of asking which platform it is.
struct PlatformCapabilities: OptionSet, Sendable {
    let rawValue: Int

    /// Messages with buttons.
    static let buttons = PlatformCapabilities(rawValue: 1 << 0)
    /// Forms shown as modals or dialogs.
    static let modals = PlatformCapabilities(rawValue: 1 << 1)
    /// Replies in threads.
    static let threads = PlatformCapabilities(rawValue: 1 << 2)
    /// Editing a message already posted (a poll's live count).
    static let edits = PlatformCapabilities(rawValue: 1 << 3)
    /// Replies only the acting member sees.
    static let ephemeral = PlatformCapabilities(rawValue: 1 << 4)
    /// Replies after the HTTP answer, through a reply target.
    static let lateReplies = PlatformCapabilities(rawValue: 1 << 5)
}
