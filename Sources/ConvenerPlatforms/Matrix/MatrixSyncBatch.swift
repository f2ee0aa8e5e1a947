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
    /// The rooms whose timeline is `limited`: more events happened since the last sync than it holds, so the ones
    /// before it must be fetched (`/messages` backwards from `prev_batch`).
    public var gaps: [MatrixTimelineGap]
    /// Display names from the `m.room.member` events of this batch (state and timeline), by user id.
    public var memberNames: [String: String]

    /// A batch.
    public init(
        nextBatch: String, events: [MatrixEvent], invites: [MatrixInvite], encryptedRooms: [String] = [],
        gaps: [MatrixTimelineGap] = [], memberNames: [String: String] = [:]
    ) {
        self.nextBatch = nextBatch
        self.events = events
        self.invites = invites
        self.encryptedRooms = encryptedRooms
        self.gaps = gaps
        self.memberNames = memberNames
    }

    /// The batch with `missed`, the events of `room` before its timeline (oldest first), put in front of them; events
    /// already in the batch are not repeated.
    public func filling(_ room: String, with missed: [MatrixEvent]) -> MatrixSyncBatch {
        var filled = self
        let known = Set(events.map(\.eventID))
        var seen: Set<String> = []
        let new = missed.filter { known.contains($0.eventID) == false && seen.insert($0.eventID).inserted }
        let start = filled.events.firstIndex { $0.roomID == room } ?? filled.events.endIndex
        filled.events.insert(contentsOf: new, at: start)
        filled.gaps.removeAll { $0.roomID == room }
        // The batch's own names are newer than the missed events'.
        for (user, name) in Self.names(in: missed) where filled.memberNames[user] == nil {
            filled.memberNames[user] = name
        }
        return filled
    }

    /// The display names the joins and profile changes among `events` give, by user id.
    public static func names(in events: [MatrixEvent]) -> [String: String] {
        var names: [String: String] = [:]
        for event in events where event.type == MatrixEvents.memberType {
            guard let user = event.stateKey, event.content["membership"]?.stringValue == "join",
                let name = event.content["displayname"]?.stringValue, !name.isEmpty
            else { continue }
            names[user] = name
        }
        return names
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
        var gaps: [MatrixTimelineGap] = []
        var names: [String: String] = [:]
        for (roomID, room) in (rooms["join"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let timelineObject = room.objectValue?["timeline"]?.objectValue
            let timeline = timelineObject?["events"]?.arrayValue ?? []
            let state = room.objectValue?["state"]?.objectValue?["events"]?.arrayValue ?? []
            let parsed = (state + timeline).compactMap { MatrixEvent(json: $0, roomID: roomID) }
            if parsed.contains(where: { $0.type == MatrixEvents.encryptionType }) { encrypted.append(roomID) }
            names.merge(Self.names(in: parsed)) { _, later in later }
            events += timeline.compactMap { MatrixEvent(json: $0, roomID: roomID) }
            if timelineObject?["limited"] == .bool(true), let previous = timelineObject?["prev_batch"]?.stringValue {
                gaps.append(MatrixTimelineGap(roomID: roomID, previousBatch: previous))
            }
        }
        var invites: [MatrixInvite] = []
        for (roomID, room) in (rooms["invite"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let state = room.objectValue?["invite_state"]?.objectValue?["events"]?.arrayValue ?? []
            invites.append(MatrixInvite(roomID: roomID, strippedState: state.compactMap(\.objectValue)))
        }
        return MatrixSyncBatch(
            nextBatch: nextBatch, events: events, invites: invites, encryptedRooms: encrypted, gaps: gaps,
            memberNames: names)
    }
}

/// A room whose sync timeline left events out: `previousBatch` is where paging backwards starts.
public struct MatrixTimelineGap: Sendable, Equatable {
    /// The room.
    public var roomID: String
    /// The timeline's `prev_batch`.
    public var previousBatch: String

    /// A gap.
    public init(roomID: String, previousBatch: String) {
        self.roomID = roomID
        self.previousBatch = previousBatch
    }
}

/// One page of `GET /rooms/{roomId}/messages?dir=b`: events newest first, and where the next page starts.
public struct MatrixMessagesPage: Sendable, Equatable {
    /// The events of the page, newest first.
    public var events: [MatrixEvent]
    /// The token of the next (older) page; nil when there is none.
    public var end: String?
    /// Display names from the member state the page carries (lazy-loaded members), by user id.
    public var memberNames: [String: String]

    /// Reads a `/messages` answer about `roomID`; a missing or malformed `chunk` is an empty page.
    public init(_ body: [String: PlatformJSON], roomID: String) {
        events = (body["chunk"]?.arrayValue ?? []).compactMap { MatrixEvent(json: $0, roomID: roomID) }
        end = body["end"]?.stringValue
        let state = (body["state"]?.arrayValue ?? []).compactMap { MatrixEvent(json: $0, roomID: roomID) }
        memberNames = MatrixSyncBatch.names(in: state + events)
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
