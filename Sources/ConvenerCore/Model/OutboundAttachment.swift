import Foundation

/// A file that goes with a message (a pairing intro's `.ics` invitation), for the platforms that take files.
///
/// Platforms that cannot attach files to a bot's message (Teams channels, the playground) send the message alone, so
/// a message with an attachment must still say everything on its own (the invitation's link is in its text). The
/// bytes travel in the outbox entry, so the file is delivered with the same durability and retries as the message.
public struct OutboundAttachment: Codable, Sendable, Equatable {
    /// The file name members see, e.g. `invitation.ics`.
    public var name: String
    /// The media type, e.g. `text/calendar`.
    public var mimeType: String
    /// The content.
    public var bytes: Data

    /// An attachment.
    public init(name: String, mimeType: String, bytes: Data) {
        self.name = name
        self.mimeType = mimeType
        self.bytes = bytes
    }

    /// A text file, UTF-8 encoded.
    public init(name: String, mimeType: String, text: String) {
        self.init(name: name, mimeType: mimeType, bytes: Data(text.utf8))
    }
}
