import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// The Matrix client-server API (v3) as the bot account: the `/sync` long-poll straight over the transport (it
/// outlasts the outbox's per-request timeout on purpose), everything else through the outbox's exchange, whose
/// retries honour `M_LIMIT_EXCEEDED`'s `retry_after_ms` and `Retry-After`.
struct MatrixClient: Sendable {
    /// The homeserver, without a trailing slash, e.g. `https://matrix.example.org`.
    let homeserver: String
    /// The bot's access token; never logged.
    let token: String
    /// Sends the long-poll.
    let transport: any HTTPTransport
    /// Sends everything else, with retries.
    let exchange: DeliveryExchange

    /// The timeline events Convener reads.
    static let timelineTypes: PlatformJSON = .array(
        ([MatrixEvents.messageType, MatrixEvents.memberType, MatrixEvents.reactionType, MatrixEvents.encryptionType]
            + MatrixPolls.responseTypes).map { .string($0) })

    /// The most events one sync (and one page of history) holds for a room; a room with more between two syncs is
    /// `limited` and its missed events are fetched with `messages`.
    static let timelineLimit = 100

    /// What the bot asks `/sync` for: the timeline events Convener reads and nothing else (no presence, receipts,
    /// typing or account data); the member state of the timeline's senders, lazily, for their display names.
    static let filter = PlatformJSON.object([
        "presence": ["types": []], "account_data": ["types": []],
        "room": [
            "timeline": ["limit": .int(timelineLimit), "types": timelineTypes],
            "state": [
                "types": [.string(MatrixEvents.encryptionType), .string(MatrixEvents.memberType)],
                "lazy_load_members": true,
            ],
            "ephemeral": ["types": []], "account_data": ["types": []],
        ],
    ]).encodedString

    /// The same events for paging through a room's history.
    static let historyFilter = PlatformJSON.object([
        "types": timelineTypes, "lazy_load_members": true,
    ]).encodedString

    /// One long-poll: waits up to `timeout` for events after `since` (all rooms' recent state when nil).
    func sync(since: String?, timeout: Duration) async throws -> MatrixSyncBatch {
        let milliseconds = timeout.components.seconds * 1000
        var query = "timeout=\(milliseconds)&filter=\(Self.escape(Self.filter))"
        if let since { query += "&since=\(Self.escape(since))" }
        let request = HTTPTransportRequest(
            method: "GET", url: "\(homeserver)/_matrix/client/v3/sync?\(query)",
            headers: [HTTPTransportHeader("Authorization", "Bearer \(token)")], timeout: timeout + .seconds(20))
        let response = try await transport.send(request)
        guard response.status == 200 else {
            throw MatrixAPIError(call: "GET /sync", status: response.status, body: response.body)
        }
        return try MatrixSyncBatch.parse(Data(response.body))
    }

    /// One page of `room`'s events before `from` (a sync's `prev_batch`, or the previous page's `end`), newest first,
    /// stopping at `to` (the sync position the bot had already read up to).
    func messages(room: String, from: String, to: String) async throws -> MatrixMessagesPage {
        let query =
            "dir=b&limit=\(Self.timelineLimit)&from=\(Self.escape(from))&to=\(Self.escape(to))"
            + "&filter=\(Self.escape(Self.historyFilter))"
        return MatrixMessagesPage(try await call("GET", "/rooms/\(Self.escape(room))/messages?\(query)"), roomID: room)
    }

    /// The display name `user` gives themselves in their profile, if any.
    func profileName(of user: String) async throws -> String? {
        try await call("GET", "/profile/\(Self.escape(user))/displayname")["displayname"]?.stringValue
    }

    /// `method` on the client API `path` (after `/_matrix/client/v3`), with retries; returns the JSON object.
    @discardableResult
    func call(_ method: String, _ path: String, body: PlatformJSON? = nil) async throws -> [String: PlatformJSON] {
        let label = "matrix \(method) \(Self.label(of: path))"
        let request = HTTPTransportRequest(
            method: method, url: "\(homeserver)/_matrix/client/v3\(path)",
            headers: [
                HTTPTransportHeader("Authorization", "Bearer \(token)"),
                HTTPTransportHeader("Content-Type", "application/json"),
            ],
            body: Array((body ?? .object([:])).encoded))
        let response = try await exchange.perform(request, label: label)
        return (try? PlatformJSON.parse(Data(response.body), what: label))?.objectValue ?? [:]
    }

    /// `PUT /rooms/{roomId}/send/{type}/{txnId}`: the homeserver answers a repeated transaction id with the event
    /// it already made, so a re-send after a crash or a retry posts nothing twice. Returns the event id.
    func send(room: String, type: String, transactionID: String, content: PlatformJSON) async throws -> String? {
        let path = "/rooms/\(Self.escape(room))/send/\(Self.escape(type))/\(Self.escape(transactionID))"
        return try await call("PUT", path, body: content)["event_id"]?.stringValue
    }

    /// A path or query component, percent-encoded (room ids hold `!` and `:`, aliases `#`).
    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The path with its ids left out, for logs and errors: `/rooms/{…}/send/{…}/{…}`.
    private static func label(of path: String) -> String {
        let parts = path.split(separator: "/").map { part in
            part.contains("%") || part.hasPrefix("!") || part.hasPrefix("@") || part.count > 24 ? "{…}" : String(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// The homeserver refused a call: the status and Matrix's `errcode`, never the token.
struct MatrixAPIError: Error, CustomStringConvertible {
    let call: String
    let status: Int
    let errcode: String?

    init(call: String, status: Int, body: [UInt8]) {
        self.call = call
        self.status = status
        self.errcode = PlatformAPIResponse.string("errcode", in: body)
    }

    var description: String { "\(call) answered \(status)\(errcode.map { " \($0)" } ?? "")" }
}
