import ConvenerPlatforms
import Foundation

/// What the Gateway connection keeps between its reconnections, in memory only: the session to resume (its id,
/// `resume_gateway_url` and the last dispatch handled), the bot's user id, the guilds' threads, and whether the
/// last heartbeat was acknowledged.
///
/// Nothing here is written down: a restarted daemon identifies afresh, and Discord does not replay what happened
/// while no connection was open (see the README).
actor DiscordGatewaySession {
    /// The session Discord started with `READY`.
    struct Resumable: Sendable, Equatable {
        /// `session_id`.
        var id: String
        /// `resume_gateway_url`.
        var url: String
        /// The last dispatch handled, which a Resume asks Discord to replay after.
        var sequence: Int
    }

    private var session: (id: String, url: String)?
    /// The last dispatch received and dealt with (handled, ignored, or not parseable), for heartbeats and Resume.
    private var sequence: Int?
    /// The bot's own user id, from `READY`.
    private(set) var botUserID: String?
    /// The guilds' threads and their parent channels.
    private(set) var channels = DiscordChannelMap()
    /// Whether a heartbeat was sent and not yet acknowledged.
    private var awaitingAck = false

    /// The session to resume, if there is one.
    func resumable() -> Resumable? {
        guard let session, let sequence else { return nil }
        return Resumable(id: session.id, url: session.url, sequence: sequence)
    }

    /// Starts over: the next connection identifies. The threads stay known; they are the guild's, not the session's.
    func forget() {
        session = nil
        sequence = nil
    }

    /// A new session from `READY`, numbered from its dispatch `sequence`.
    func started(_ ready: DiscordReady, sequence: Int?) {
        session = (ready.sessionID, ready.resumeURL)
        botUserID = ready.botUserID
        self.sequence = sequence
    }

    /// Whether the dispatch `sequence` is new: a Resume replays what came after the sequence it names, so anything
    /// at or before the last one dealt with was already handled in this session.
    func isNew(_ sequence: Int?) -> Bool {
        guard let sequence, let last = self.sequence else { return true }
        return sequence > last
    }

    /// Records that the dispatch `sequence` was dealt with; only then does a heartbeat or a Resume name it.
    func dealt(with sequence: Int?) {
        guard let sequence else { return }
        self.sequence = max(self.sequence ?? sequence, sequence)
    }

    /// The sequence a heartbeat carries.
    func lastSequence() -> Int? {
        sequence
    }

    /// Learns the channels a dispatch tells about.
    func learn(type: String, data: PlatformJSON) {
        channels.learn(type: type, data: data)
    }

    /// Learns one channel object looked up by id.
    func learn(channel: PlatformJSON) {
        channels.learn(channel: channel)
    }

    /// A heartbeat is about to be sent; false when the previous one was never acknowledged (a zombie connection).
    func beat() -> Bool {
        defer { awaitingAck = true }
        return !awaitingAck
    }

    /// Discord acknowledged the heartbeat.
    func acknowledged() {
        awaitingAck = false
    }

    /// A new connection starts with no heartbeat outstanding.
    func connected() {
        awaitingAck = false
    }
}
