import Foundation

/// The result of a roster command: the reply to the member and, when the next turn moved, who has it now.
public struct RosterChange: Sendable, Equatable {
    /// The reply to the member who asked.
    public var reply: String
    /// The new assignment to announce, when the next facilitator changed.
    public var announcement: RosterAnnouncement?

    /// A change.
    public init(reply: String, announcement: RosterAnnouncement? = nil) {
        self.reply = reply
        self.announcement = announcement
    }
}
