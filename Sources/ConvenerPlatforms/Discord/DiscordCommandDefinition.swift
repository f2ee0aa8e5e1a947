import Foundation

/// The application command Convener registers with Discord: `/cop` with one optional string option `text`.
public enum DiscordCommandDefinition {
    /// The body of `POST /applications/{application id}/commands` (global) or
    /// `POST /applications/{application id}/guilds/{guild id}/commands` (one server, instant).
    public static var cop: Data {
        let text: PlatformJSON = [
            "type": 3, "name": "text", "required": false,
            "description": "What to do, e.g. help, poll \"Question?\" \"A\" \"B\", kudos @member why",
        ]
        let command: PlatformJSON = [
            "name": "cop", "type": 1, "description": "Community of practice: polls, kudos, pairing, surveys",
            "options": [text],
        ]
        return command.encoded
    }
}
