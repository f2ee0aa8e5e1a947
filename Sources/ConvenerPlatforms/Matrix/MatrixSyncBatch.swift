import Foundation

/// One answer of `GET /_matrix/client/v3/sync`: the token to continue from, the new timeline events of the rooms
/// the bot is in (oldest first, room by room) and the invites waiting.
public struct MatrixSyncBatch: Sendable, Equatable {
    /// `next_batch`: where the next sync continues; stored once every event of this batch is handled.
    public var nextBatch: String
    /// The timeline events of joined rooms, each room's in the server's order.
    public var events: [MatrixEvent]
    /// Rooms the bot is invited to.
    public var invites: [MatrixInvite]
    /// Joined rooms that turned on end-to-end encryption (an `m.room.encryption` state event in this batch).
    public var encryptedRooms: [String]

    /// A batch.
    public init(nextBatch: String, events: [MatrixEvent], invites: [MatrixInvite], encryptedRooms: [String] = []) {
        self.nextBatch = nextBatch
        self.events = events
        self.invites = invites
        self.encryptedRooms = encryptedRooms
    }

    /// The events that happened while the bot was in their room: in a room the bot joined during this batch, only
    /// those after its join, so the history a newly joined room shows is not answered.
    public func newEvents(botUserID: String) -> [MatrixEvent] {
        var rooms: [String] = []
        var byRoom: [String: [MatrixEvent]] = [:]
        for event in events {
            if byRoom[event.roomID] == nil { rooms.append(event.roomID) }
            byRoom[event.roomID, default: []].append(event)
        }
        return rooms.flatMap { room -> [MatrixEvent] in
            let timeline = byRoom[room] ?? []
            let join = timeline.lastIndex { event in
                event.type == MatrixEvents.memberType && event.stateKey == botUserID
                    && event.content["membership"]?.stringValue == "join"
                    && event.previousContent?["membership"]?.stringValue != "join"
            }
            return join.map { Array(timeline[($0 + 1)...]) } ?? timeline
        }
    }

    /// Parses a sync response body; anything but a missing `next_batch` or a non-object where an object belongs is
    /// tolerated (unknown keys, events of other types), because homeservers add fields over time.
    public static func parse(_ data: Data) throws(PlatformParseError) -> MatrixSyncBatch {
        let root = try PlatformJSON.parse(data, what: "The /sync response")
        guard case .object(let body) = root else { throw .wrongType(field: "(root)", expected: "an object") }
        guard let nextBatch = body["next_batch"]?.stringValue else { throw .missingField("next_batch") }
        let rooms = body["rooms"]?.objectValue ?? [:]
        var events: [MatrixEvent] = []
        var encrypted: [String] = []
        for (roomID, room) in (rooms["join"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let timeline = room.objectValue?["timeline"]?.objectValue?["events"]?.arrayValue ?? []
            let state = room.objectValue?["state"]?.objectValue?["events"]?.arrayValue ?? []
            let parsed = (state + timeline).compactMap { MatrixEvent(json: $0, roomID: roomID) }
            if parsed.contains(where: { $0.type == MatrixEvents.encryptionType }) { encrypted.append(roomID) }
            events += timeline.compactMap { MatrixEvent(json: $0, roomID: roomID) }
        }
        var invites: [MatrixInvite] = []
        for (roomID, room) in (rooms["invite"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let state = room.objectValue?["invite_state"]?.objectValue?["events"]?.arrayValue ?? []
            invites.append(MatrixInvite(roomID: roomID, strippedState: state.compactMap(\.objectValue)))
        }
        return MatrixSyncBatch(nextBatch: nextBatch, events: events, invites: invites, encryptedRooms: encrypted)
    }
}

/// One room event, as much of it as Convener reads.
public struct MatrixEvent: Sendable, Equatable {
    /// The room it happened in.
    public var roomID: String
    /// `$…`, unique on the homeserver: the input id derives from it, so a replayed event is recognised.
    public var eventID: String
    /// Who sent it, `@user:server`.
    public var sender: String
    /// `m.room.message`, `m.room.member`, `m.reaction`, …
    public var type: String
    /// The state key of a state event (the member of an `m.room.member`).
    public var stateKey: String?
    /// The event's content.
    public var content: [String: PlatformJSON]
    /// The previous content of a state event, when the server sends it (`unsigned.prev_content`).
    public var previousContent: [String: PlatformJSON]?

    /// An event.
    public init(
        roomID: String, eventID: String, sender: String, type: String, stateKey: String? = nil,
        content: [String: PlatformJSON], previousContent: [String: PlatformJSON]? = nil
    ) {
        self.roomID = roomID
        self.eventID = eventID
        self.sender = sender
        self.type = type
        self.stateKey = stateKey
        self.content = content
        self.previousContent = previousContent
    }

    /// The event in `json`, or nil when it lacks an id, sender or type (a stripped or redacted fragment).
    public init?(json: PlatformJSON, roomID: String) {
        guard case .object(let event) = json, let id = event["event_id"]?.stringValue,
            let sender = event["sender"]?.stringValue, let type = event["type"]?.stringValue
        else { return nil }
        let unsigned = event["unsigned"]?.objectValue
        self.init(
            roomID: event["room_id"]?.stringValue ?? roomID, eventID: id, sender: sender, type: type,
            stateKey: event["state_key"]?.stringValue, content: event["content"]?.objectValue ?? [:],
            previousContent: unsigned?["prev_content"]?.objectValue)
    }

    /// `m.relates_to` of the content.
    public var relation: [String: PlatformJSON]? { content["m.relates_to"]?.objectValue }

    /// The thread root when the event was sent in a thread (`rel_type` `m.thread`).
    public var threadRoot: String? {
        guard let relation, relation["rel_type"]?.stringValue == "m.thread" else { return nil }
        return relation["event_id"]?.stringValue
    }

    /// The event an `m.room.message` replies to (`m.in_reply_to`), in a thread or not.
    public var repliesTo: String? {
        relation?["m.in_reply_to"]?.objectValue?["event_id"]?.stringValue
    }
}

/// An invitation to a room, with the stripped state the inviter shared (name, encryption, whether it is direct).
public struct MatrixInvite: Sendable, Equatable {
    /// The room.
    public var roomID: String
    /// Who invited the bot, when the stripped state says.
    public var inviter: String?
    /// Whether the room is end-to-end encrypted (it has `m.room.encryption`).
    public var isEncrypted: Bool
    /// Whether the inviter marked it as a direct chat.
    public var isDirect: Bool
    /// The room's canonical alias and alternatives, to match a community bound by alias.
    public var aliases: [String]

    /// An invite from its stripped state events.
    public init(roomID: String, strippedState: [[String: PlatformJSON]]) {
        self.roomID = roomID
        var inviter: String?
        var encrypted = false
        var direct = false
        var aliases: [String] = []
        for event in strippedState {
            let content = event["content"]?.objectValue ?? [:]
            switch event["type"]?.stringValue ?? "" {
            case MatrixEvents.encryptionType: encrypted = true
            case MatrixEvents.memberType where content["membership"]?.stringValue == "invite":
                inviter = event["sender"]?.stringValue
                direct = content["is_direct"] == .bool(true)
            case "m.room.canonical_alias":
                aliases += [content["alias"]?.stringValue].compactMap { $0 }
                aliases += (content["alt_aliases"]?.arrayValue ?? []).compactMap(\.stringValue)
            default: break
            }
        }
        self.inviter = inviter
        self.isEncrypted = encrypted
        self.isDirect = direct
        self.aliases = aliases
    }
}
