/// Matrix's keys under `platforms.matrix`: the bot account's access token (enables Matrix), its homeserver and its
/// user id. Matrix is pulled, not pushed: the daemon long-polls `/sync` with the token, so there is no inbound
/// secret to verify.
public enum MatrixSettings {
    /// The bot account's access token; default env `MATRIX_ACCESS_TOKEN`. Enables Matrix.
    public static let accessToken = "access_token"
    /// The homeserver's client-server API base, e.g. `https://matrix.example.org`; default env
    /// `MATRIX_HOMESERVER_URL`.
    public static let homeserverURL = "homeserver_url"
    /// The bot's user id, e.g. `@convener:example.org`; default env `MATRIX_USER_ID`, else asked with `whoami`.
    public static let userID = "user_id"

    /// The declaration the config, the secret resolver and the server read.
    public static let declaration = PlatformSettingsDeclaration(
        name: MatrixEvents.platform,
        enabledBy: accessToken,
        settings: [
            .secret(accessToken, environment: "MATRIX_ACCESS_TOKEN"),
            .url(homeserverURL, environment: "MATRIX_HOMESERVER_URL", summaryLabel: "homeserver"),
            PlatformSettingDeclaration(
                key: userID,
                kind: .identifier(
                    environment: "MATRIX_USER_ID", noun: "a Matrix user id",
                    expected: "'@localpart:server', e.g. '@convener:example.org'", isValid: isUserID),
                summaryLabel: "user"),
        ],
        bindings: PlatformBindingDeclaration(
            platform: MatrixEvents.platform, workspace: "matrix_server", channelNoun: "room",
            channelID: PlatformIDRule(
                problem: "a Matrix room id or alias; use the room id from the room's Settings → Advanced "
                    + "(e.g. !abcDEF123:example.org) or a published alias (e.g. #community:example.org)",
                isValid: isRoomIDOrAlias),
            workspaceID: PlatformIDRule(
                problem: "a Matrix server name, e.g. example.org", isValid: isServerName)))

    /// `@localpart:server`.
    @Sendable public static func isUserID(_ text: String) -> Bool {
        isSigilID(text, sigil: "@")
    }

    /// `!opaque:server` (or `!opaque` in room version 12, which drops the server) or `#alias:server`.
    @Sendable public static func isRoomIDOrAlias(_ text: String) -> Bool {
        let isRoomID =
            text.first == "!" && (2...255).contains(text.count) && text.allSatisfy { $0.isASCII && !$0.isWhitespace }
        return isRoomID || isSigilID(text, sigil: "#")
    }

    /// A server name: a host, optionally with a port, without spaces or slashes.
    @Sendable static func isServerName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 255 && text.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "/" }
    }

    private static func isSigilID(_ text: String, sigil: Character) -> Bool {
        guard text.first == sigil, text.count <= 255, let colon = text.firstIndex(of: ":") else { return false }
        let local = text[text.index(after: text.startIndex)..<colon]
        let server = text[text.index(after: colon)...]
        return !local.isEmpty && !server.isEmpty && text.allSatisfy { $0.isASCII && !$0.isWhitespace }
    }
}
