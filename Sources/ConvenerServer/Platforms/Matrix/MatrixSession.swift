import ConvenerCore
import ConvenerPlatforms
import Foundation

/// What the Matrix platform keeps between runs, in `platforms/matrix.json` beside the communities' state (or the
/// `matrix` row of `convener_platform_state`, shared by every daemon, when the state lives in PostgreSQL): the
/// sync token (`next_batch`) past which every event is handled, and the 1:1 room the bot uses with each member.
struct MatrixSavedState: Codable, Sendable, Equatable {
    /// Where the next `/sync` continues; nil before the first one.
    var nextBatch: String?
    /// The events after `nextBatch` already handled, so a batch cut short by a crash is not handled twice.
    var handled: [String] = []
    /// The bot's direct room with each member, by Matrix user id.
    var directRooms: [String: String] = [:]
    /// The buttons of the newest messages that have some, by choice code.
    var choices: [String: MatrixChoices] = [:]
    /// The form each member is answering in their 1:1 room, by Matrix user id.
    var forms: [String: MatrixFormConversation] = [:]
    /// The native polls sent, by their start event's id (the newest 1,000).
    var polls: [String: MatrixPoll] = [:]

    private enum CodingKeys: String, CodingKey {
        case nextBatch, handled, directRooms, choices, forms, polls
    }

    init() {}

    /// Reads the saved state; keys newer than the file (`polls`) may be absent.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nextBatch = try container.decodeIfPresent(String.self, forKey: .nextBatch)
        handled = try container.decodeIfPresent([String].self, forKey: .handled) ?? []
        directRooms = try container.decodeIfPresent([String: String].self, forKey: .directRooms) ?? [:]
        choices = try container.decodeIfPresent([String: MatrixChoices].self, forKey: .choices) ?? [:]
        forms = try container.decodeIfPresent([String: MatrixFormConversation].self, forKey: .forms) ?? [:]
        polls = try container.decodeIfPresent([String: MatrixPoll].self, forKey: .polls) ?? [:]
    }
}

/// The buttons of one sent message, so `CODE N` typed in a 1:1 room is that button's click.
struct MatrixChoices: Codable, Sendable, Equatable {
    /// Convener's id of the message.
    var message: String
    /// The action ids of its buttons, in the numbered order.
    var actions: [String]
    /// When it was recorded, to keep only the newest.
    var at: Date
}

/// The bot's Matrix account, shared by the sync service and every community's delivery: the API client, the
/// durable state, the bot's user id and the aliases resolved so far.
actor MatrixSession {
    /// The API client.
    nonisolated let client: MatrixClient
    private let saved: any PlatformStateDocument<MatrixSavedState>
    private var botUserID: String?
    private var aliases: [String: String] = [:]
    /// Display names seen in the rooms' member events or asked of profiles, by user id; rebuilt after a restart.
    private var names: [String: String] = [:]

    /// A session for the bot `userID` (asked with `whoami` when nil), its state kept in `saved` (a file, or a row
    /// every daemon sharing the database uses).
    init(client: MatrixClient, userID: String?, saved: any PlatformStateDocument<MatrixSavedState>) {
        self.client = client
        self.botUserID = userID
        self.saved = saved
    }

    /// The bot's user id: configured, else `GET /account/whoami` once.
    func userID() async throws -> String {
        if let botUserID { return botUserID }
        guard let id = try await client.call("GET", "/account/whoami")["user_id"]?.stringValue else {
            throw MatrixAPIError(call: "GET /account/whoami", status: 200, body: [])
        }
        botUserID = id
        return id
    }

    /// Where the next sync continues.
    func nextBatch() async -> String? {
        await saved.read().nextBatch
    }

    /// Makes `token` the durable sync position; call it only once every event before it is handled.
    func advance(to token: String) async throws {
        try await saved.update { state in
            state.nextBatch = token
            state.handled = []
        }
    }

    /// The events after the sync position already handled.
    func handledEvents() async -> Set<String> {
        Set(await saved.read().handled)
    }

    /// Records, durably, that the event `eventID` after the sync position is handled.
    func markHandled(_ eventID: String) async throws {
        try await saved.update { $0.handled.append(eventID) }
    }

    /// The room id of `room`: itself when it is an id, else the alias resolved through the room directory
    /// (`GET /directory/room/{alias}`), once.
    func roomID(for room: String) async throws -> String {
        guard room.hasPrefix("#") else { return room }
        if let known = aliases[room] { return known }
        guard
            let id = try await client.call("GET", "/directory/room/\(MatrixClient.escape(room))")["room_id"]?
                .stringValue
        else { throw MatrixAPIError(call: "GET /directory/room/{alias}", status: 200, body: []) }
        aliases[room] = id
        return id
    }

    /// The bot's 1:1 room with `user`: the one kept, else a new private, unencrypted room marked direct
    /// (`POST /createRoom` with `is_direct` and the member invited), kept durably.
    func directRoom(for user: String) async throws -> String {
        if let known = await saved.read().directRooms[user] { return known }
        let body: PlatformJSON = [
            "preset": "trusted_private_chat", "is_direct": true, "invite": [.string(user)],
            "name": "Convener", "topic": "Your private conversation with Convener (not end-to-end encrypted)",
        ]
        guard let room = try await client.call("POST", "/createRoom", body: body)["room_id"]?.stringValue else {
            throw MatrixAPIError(call: "POST /createRoom", status: 200, body: [])
        }
        try await saved.update { $0.directRooms[user] = room }
        return room
    }

    /// Makes `room`, a 1:1 room the member opened (a direct invite), the one the bot answers them in: the room
    /// the member chose last is where they look.
    func adoptDirectRoom(_ room: String, for user: String) async throws {
        try await saved.update { $0.directRooms[user] = room }
    }

    /// The most choice codes (and native polls) kept; older messages' buttons stop answering.
    static let keptChoices = 1000

    /// Drops the oldest entries of `kept`, by their date `at`, beyond `keptChoices`.
    private static func dropOldest<Value>(_ kept: inout [String: Value], at date: KeyPath<Value, Date>) {
        guard kept.count > keptChoices else { return }
        let oldest = kept.sorted { $0.value[keyPath: date] < $1.value[keyPath: date] }.prefix(kept.count - keptChoices)
        for (key, _) in oldest { kept[key] = nil }
    }

    /// Records the buttons of `message` under its choice code before it is sent.
    func remember(choicesOf message: OutboundMessage, at now: Date) async throws {
        let original = message.updates ?? message.id
        let code = MatrixRenderer.choiceCode(for: original)
        let choices = MatrixChoices(message: original, actions: message.actions.map(\.id), at: now)
        guard await saved.read().choices[code] != choices else { return }
        try await saved.update { state in
            state.choices[code] = choices
            Self.dropOldest(&state.choices, at: \.at)
        }
    }

    /// The message and action `CODE N` stands for, if the code is known and N is one of its buttons.
    func click(code: String, number: Int) async -> (messageID: String, actionID: String)? {
        guard let choices = await saved.read().choices[code], (1...choices.actions.count).contains(number) else {
            return nil
        }
        return (choices.message, choices.actions[number - 1])
    }

    /// The form `user` is answering, if any.
    func conversation(of user: String) async -> MatrixFormConversation? {
        await saved.read().forms[user]
    }

    /// Keeps where `user` is in a form, durably; nil ends the conversation.
    func setConversation(_ conversation: MatrixFormConversation?, for user: String) async throws {
        try await saved.update { $0.forms[user] = conversation }
    }

    /// Records that the native poll `poll` started with the event `eventID`, so responses to it are counted.
    func remember(poll: MatrixPoll, startedBy eventID: String) async throws {
        guard await saved.read().polls[eventID] != poll else { return }
        try await saved.update { state in
            state.polls[eventID] = poll
            Self.dropOldest(&state.polls, at: \.at)
        }
    }

    /// The native poll that started with the event `eventID`, if Convener sent it.
    func poll(startedBy eventID: String) async -> MatrixPoll? {
        await saved.read().polls[eventID]
    }

    /// Keeps the display names a sync or a page of history showed.
    func learn(names learned: [String: String]) {
        names.merge(learned) { _, new in new }
    }

    /// The users whose names the bot knows: the members of its rooms it has seen.
    func knownUsers() -> [String] {
        Array(names.keys)
    }

    /// The display name of `user`: from the rooms' member events, else their profile
    /// (`GET /profile/{userId}/displayname`), else the localpart; asked once.
    func displayName(of user: String) async -> String {
        if let known = names[user] { return known }
        let name: String
        do {
            name =
                try await client.profileName(of: user).flatMap { $0.isEmpty ? nil : $0 }
                ?? MatrixEvents.localpart(of: user)
        } catch {
            name = MatrixEvents.localpart(of: user)
        }
        names[user] = name
        return name
    }

    /// Whether `room` is a kept 1:1 room.
    func isDirectRoom(_ room: String) async -> Bool {
        await saved.read().directRooms.values.contains(room)
    }
}
