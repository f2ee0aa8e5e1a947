import Logging
import PostgresNIO

/// What a commit tells the other daemons: community `community` now has records up to `seq`.
///
/// Sent with `NOTIFY convener_journal` inside the appending transaction, so PostgreSQL delivers it only once the
/// records are committed, and in commit order. The payload is `SEQ COMMUNITY` (the community id last, since it is
/// the only part that could hold a space).
public struct JournalNotice: Sendable, Equatable {
    /// The channel, one per database (PostgreSQL scopes notifications to the database they were sent in).
    static let channel = "convener_journal"

    /// The community that changed.
    public let community: String
    /// The last sequence number the commit wrote.
    public let seq: UInt64

    /// The payload `NOTIFY` carries.
    var payload: String { "\(seq) \(community)" }

    /// A notice for `community` up to `seq`.
    public init(community: String, seq: UInt64) {
        self.community = community
        self.seq = seq
    }

    /// The notice a payload carries, or nil when it is not one (a tool sent something else on the channel).
    init?(payload: String) {
        guard let space = payload.firstIndex(of: " "), let seq = UInt64(payload[..<space]) else { return nil }
        let community = String(payload[payload.index(after: space)...])
        guard !community.isEmpty else { return nil }
        self.init(community: community, seq: seq)
    }
}

extension PostgresDatabase {
    /// Opens one connection of its own (outside the pool: `LISTEN` belongs to a session, which a pooler in
    /// transaction mode would hand to others), listens for journal notices, calls `listening` once notices flow
    /// (so the caller catches up with what it may have missed before), then `notice` for each one, in order.
    /// Returns or throws (`JournalFollowingFailed`) when the connection ends; the caller reconnects.
    public func followJournal(
        listening: @Sendable () async -> Void, notice: @Sendable (JournalNotice) async -> Void
    ) async throws {
        let configuration = try settings.connectionConfiguration()
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: queryLogger)
        } catch {
            throw JournalFollowingFailed(doing: "opening the notice connection", reason: Self.describe(error))
        }
        do {
            try await connection.listen(on: JournalNotice.channel) { notifications in
                await listening()
                for try await notification in notifications {
                    guard let found = JournalNotice(payload: notification.payload) else { continue }
                    await notice(found)
                }
            }
        } catch {
            try? await connection.close()
            throw JournalFollowingFailed(doing: "listening for the journal's notices", reason: Self.describe(error))
        }
        try? await connection.close()
    }
}

/// The notice connection could not be opened, or broke (the database restarted, the network went away).
public struct JournalFollowingFailed: Error, CustomStringConvertible {
    /// What the daemon was doing.
    public let doing: String
    /// What the database or the network said.
    public let reason: String

    public var description: String { "\(doing) failed: \(reason)" }
}
