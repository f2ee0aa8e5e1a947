import ConvenerCore
import Foundation

/// Discord's Gateway protocol (API v10, JSON encoding), the pure half: what Convener sends (Identify, Resume,
/// Heartbeat), how it reads what Discord sends, and what each close code means. The socket lives in the server.
public enum DiscordGateway {
    /// GUILDS (1 << 0) for the channels and threads of each guild, GUILD_MESSAGES (1 << 9) for `MESSAGE_CREATE`,
    /// GUILD_MESSAGE_REACTIONS (1 << 10) for `MESSAGE_REACTION_ADD`. None is privileged: Convener needs who answered
    /// and where, never what they wrote, so it does not ask for MESSAGE_CONTENT (1 << 15).
    public static let intents = 1 << 0 | 1 << 9 | 1 << 10
    /// The Gateway version, the same as the REST API's.
    public static let version = 10
    /// The URL to open for `base` (from `GET /gateway/bot` or `resume_gateway_url`), with the version and encoding.
    public static func connectURL(_ base: String) -> String {
        var url = base
        if let query = url.firstIndex(of: "?") { url = String(url[..<query]) }
        while url.hasSuffix("/") { url.removeLast() }
        return "\(url)/?v=\(version)&encoding=json"
    }

    /// Opcode 2: starts a new session for the bot `token` with `intents`.
    public static func identify(token: String) -> String {
        let data: PlatformJSON = [
            "token": .string(token), "intents": .int(intents),
            "properties": ["os": "linux", "browser": "convener", "device": "convener"],
        ]
        return PlatformJSON.object(["op": 2, "d": data]).encodedString
    }

    /// Opcode 6: resumes `session` after its last dispatch `sequence`, so Discord replays what came after it.
    public static func resume(token: String, session: String, sequence: Int) -> String {
        let data: PlatformJSON = ["token": .string(token), "session_id": .string(session), "seq": .int(sequence)]
        return PlatformJSON.object(["op": 6, "d": data]).encodedString
    }

    /// Opcode 1 with the last dispatch sequence received, or null before any.
    public static func heartbeat(sequence: Int?) -> String {
        PlatformJSON.object(["op": 1, "d": sequence.map { .int($0) } ?? .null]).encodedString
    }

    /// The wait before the first heartbeat: the interval times `jitter` (in [0, 1)), so clients that reconnect
    /// together do not beat together.
    public static func firstHeartbeat(interval: Duration, jitter: Double) -> Duration {
        interval * min(max(jitter, 0), 1)
    }

    /// The Gateway's own opcodes Convener reads.
    public enum Opcode: Int, Sendable {
        /// An event (`t`) with its sequence number (`s`).
        case dispatch = 0
        /// Discord asks for a heartbeat now.
        case heartbeat = 1
        /// Discord asks the client to reconnect and resume.
        case reconnect = 7
        /// The session is invalid; `d` says whether it may be resumed.
        case invalidSession = 9
        /// The first message, with `heartbeat_interval`.
        case hello = 10
        /// A heartbeat was received.
        case heartbeatAck = 11
    }

    /// What one close code asks of the client.
    public enum CloseAction: Sendable, Equatable {
        /// Reconnect and resume the session.
        case resume
        /// Reconnect and identify afresh: the session is gone.
        case identify
        /// Stop: reconnecting cannot help until the operator changes something, which the text says.
        case stop(String)
    }

    /// What the close `code` means (nil: the connection dropped without one, which resumes).
    public static func closeAction(_ code: Int?) -> CloseAction {
        switch code {
        case 4004:
            return .stop(
                "Discord refused the bot token (close code 4004, authentication failed). Copy the token again from "
                    + "the Developer Portal (Bot → Reset Token) into DISCORD_BOT_TOKEN and restart Convener.")
        case 4010, 4011:
            return .stop(
                "Discord asks this bot to shard its Gateway connection (close code \(code ?? 0)): it is in more "
                    + "than 2,500 servers, which Convener does not support. Use one bot per community's server.")
        case 4012:
            return .stop("Discord does not accept Gateway version \(version) (close code 4012); update Convener.")
        case 4013, 4014:
            return .stop(
                "Discord refused the Gateway intents (close code \(code ?? 0)). Convener asks only for GUILDS, "
                    + "GUILD_MESSAGES and GUILD_MESSAGE_REACTIONS (\(intents)), none of them privileged; check that "
                    + "the application in the Developer Portal is a bot application and that the token is its bot's.")
        case 4003, 4007, 4009:
            return .identify
        default:
            return .resume
        }
    }
}

/// One message the Gateway sent: its opcode, its event data, and for a dispatch its sequence number and event name.
public struct DiscordGatewayFrame: Sendable, Equatable {
    /// The opcode (`op`).
    public var opcode: Int
    /// The event data (`d`), null when absent.
    public var data: PlatformJSON
    /// The dispatch's sequence number (`s`).
    public var sequence: Int?
    /// The dispatch's event name (`t`).
    public var type: String?

    /// A frame.
    public init(opcode: Int, data: PlatformJSON, sequence: Int? = nil, type: String? = nil) {
        self.opcode = opcode
        self.data = data
        self.sequence = sequence
        self.type = type
    }

    /// Reads one text message of the Gateway.
    public init(text: String) throws(PlatformParseError) {
        let root = PlatformJSONCursor(try PlatformJSON.parse(Data(text.utf8), what: "A Gateway message"), path: "")
        opcode = try root.field("op").int()
        data = root.optionalField("d")?.value ?? .null
        sequence = try root.optionalField("s")?.int()
        type = try root.optionalString("t")
    }

    /// The known opcode, if it is one Convener reads.
    public var known: DiscordGateway.Opcode? { DiscordGateway.Opcode(rawValue: opcode) }

    /// Hello's `heartbeat_interval`.
    public func heartbeatInterval() throws(PlatformParseError) -> Duration {
        let milliseconds = try PlatformJSONCursor(data, path: "d").field("heartbeat_interval").int()
        guard milliseconds > 0 else {
            throw .invalidValue(field: "d.heartbeat_interval", reason: "must be a positive number of milliseconds")
        }
        return .milliseconds(milliseconds)
    }

    /// Invalid Session's `d`: whether the session may be resumed.
    public var isResumable: Bool {
        data == .bool(true)
    }
}

/// What `READY` tells: the session to resume, where to resume it, and who the bot is.
public struct DiscordReady: Sendable, Equatable {
    /// `session_id`.
    public var sessionID: String
    /// `resume_gateway_url`.
    public var resumeURL: String
    /// The bot's user id (`user.id`), whose own messages and reactions are not members' activity.
    public var botUserID: String

    /// Reads a `READY` dispatch's data.
    public init(_ data: PlatformJSON) throws(PlatformParseError) {
        let root = PlatformJSONCursor(data, path: "d")
        sessionID = try root.nonEmptyString("session_id")
        resumeURL = try root.nonEmptyString("resume_gateway_url")
        botUserID = try root.field("user").nonEmptyString("id")
    }
}
