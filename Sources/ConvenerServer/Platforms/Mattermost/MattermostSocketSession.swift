import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// What the Mattermost WebSocket keeps between runs, in `platforms/mattermost.json` beside the communities' state
/// (or the `mattermost` row of `convener_platform_state`, shared by every daemon, when the state lives in
/// PostgreSQL): the connection to resume and the events already handled.
struct MattermostSocketState: Codable, Sendable, Equatable {
    /// The server's id of the last connection (from its `hello`), which a reconnect asks to resume.
    var connectionID: String?
    /// The sequence number of the next event expected on that connection.
    var nextSequence: Int = 0
    /// The input ids of the newest events handled, so an event replayed after a reconnect (or a restart between
    /// handling it and recording its sequence) runs once.
    var handled: [String] = []

    /// How many handled ids are kept: far more than the 128 events Mattermost replays on a reconnect.
    static let handledLimit = 1_000
}

/// The bot account's side of the WebSocket: the REST API for the bot's own id, and the durable position.
actor MattermostSocketSession {
    /// The API base, e.g. `https://chat.example.org/api/v4`.
    nonisolated let apiBase: String
    /// The bot's access token.
    nonisolated let token: String
    /// Sends the REST calls.
    nonisolated let exchange: DeliveryExchange
    private let saved: any PlatformStateDocument<MattermostSocketState>
    /// How many handled ids are kept.
    private let handledLimit: Int
    private var botUserID: String?
    /// The position on the live connection, ahead of the durable one (only handled events are written).
    private var connectionID: String?
    private var nextSequence = 0
    private var loaded = false
    /// Whether the current connection brought any frame, so the reconnect backoff starts again from 1 s.
    private var received = false

    /// A session for the server at `url` (`https://chat.example.org`), its position kept in `saved`.
    init(
        url: String, token: String, exchange: DeliveryExchange, saved: any PlatformStateDocument<MattermostSocketState>,
        handledLimit: Int = MattermostSocketState.handledLimit
    ) {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.apiBase = base + "/api/v4"
        self.token = token
        self.exchange = exchange
        self.saved = saved
        self.handledLimit = handledLimit
    }

    /// The bot's user id: `GET /api/v4/users/me` once. Throws `MattermostTokenRejected` when the server refuses
    /// the token, which only the operator can fix.
    func userID() async throws -> String {
        if let botUserID { return botUserID }
        var request = HTTPTransportRequest(
            method: "GET", url: "\(apiBase)/users/me",
            headers: [HTTPTransportHeader("Authorization", "Bearer \(token)")])
        request.timeout = exchange.timeout
        let response = try await exchange.transport.send(request)
        if response.status == 401 || response.status == 403 { throw MattermostTokenRejected(status: response.status) }
        guard (200..<300).contains(response.status), let id = PlatformAPIResponse.string("id", in: response.body) else {
            throw DeliveryUnavailable(reason: "mattermost GET /users/me: HTTP \(response.status)")
        }
        botUserID = id
        return id
    }

    /// The WebSocket URL to connect to: `ws(s)://…/api/v4/websocket`, asking to resume the last connection from
    /// the next expected event when there is one (Mattermost replays what it still holds, else says `hello`
    /// with a new connection id).
    func socketURL() async -> String {
        await load()
        var url = apiBase + "/websocket"
        if url.hasPrefix("https://") {
            url = "wss://" + url.dropFirst("https://".count)
        } else if url.hasPrefix("http://") {
            url = "ws://" + url.dropFirst("http://".count)
        }
        guard let connectionID else { return url }
        return url + "?connection_id=\(connectionID)&sequence_number=\(nextSequence)"
    }

    /// A connection attempt starts.
    func connecting() { received = false }

    /// Whether the connection since `connecting()` brought a frame.
    func receivedSinceConnecting() -> Bool { received }

    /// A `hello`: a new connection whose events count from `seq` + 1. Returns the connection it replaces, if the
    /// server could not resume that one (the events between are lost).
    func greeted(connectionID id: String, seq: Int) async throws -> String? {
        await load()
        received = true
        let replaced = connectionID == id ? nil : connectionID
        connectionID = id
        nextSequence = seq + 1
        let next = nextSequence
        try await saved.update { state in
            state.connectionID = id
            state.nextSequence = next
        }
        return replaced
    }

    /// Whether the event with input id `id` was handled already.
    func isHandled(_ id: String) async -> Bool {
        await saved.read().handled.contains(id)
    }

    /// Moves past the event `seq`; when it was handled (`id`), records that durably with the position.
    func passed(seq: Int, handled id: String?) async throws {
        received = true
        nextSequence = max(nextSequence, seq + 1)
        guard let id else { return }
        let (connection, next, limit) = (connectionID, nextSequence, handledLimit)
        try await saved.update { state in
            state.handled.append(id)
            if state.handled.count > limit { state.handled.removeFirst(state.handled.count - limit) }
            state.connectionID = connection
            state.nextSequence = next
        }
    }

    /// Reads the durable position once, so a restarted daemon (or the next lease holder) resumes it.
    private func load() async {
        guard !loaded else { return }
        let state = await saved.read()
        connectionID = state.connectionID
        nextSequence = state.nextSequence
        loaded = true
    }
}

/// Mattermost refused the bot token (HTTP 401 or 403 on `GET /api/v4/users/me`).
struct MattermostTokenRejected: Error, CustomStringConvertible {
    let status: Int

    var description: String {
        "Mattermost refused MATTERMOST_BOT_TOKEN (HTTP \(status)). Check that the bot account is enabled and the token "
            + "is a current bot access token (System Console > Integrations > Bot Accounts), set it, and restart Convener."
    }
}
