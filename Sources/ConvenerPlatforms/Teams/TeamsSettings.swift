/// Microsoft Teams' keys under `platforms.teams`: the bot's Microsoft app id and password (client secret), where the
/// Bot Framework's signing keys and bot tokens come from, and the connector used before any activity named one.
public enum TeamsSettings {
    /// The platform name used in member ids, bindings and reply targets.
    public static let platform = "teams"
    /// The bot's Microsoft app id (a GUID); default env `TEAMS_APP_ID`. Every inbound token must be for it.
    public static let appID = "app_id"
    /// The app's client secret; default env `TEAMS_APP_PASSWORD`. Enables Teams (with the app id).
    public static let appPassword = "app_password"
    /// The OpenID metadata naming the JWKS; default env `TEAMS_OPENID_METADATA_URL`.
    public static let openIDMetadataURL = "openid_metadata_url"
    /// Where bot tokens are granted; default env `TEAMS_TOKEN_URL`.
    public static let tokenURL = "token_url"
    /// The connector for conversations no activity has named a `serviceUrl` for yet; default env
    /// `TEAMS_SERVICE_URL`.
    public static let serviceURL = "service_url"
    /// The tenant proactive conversations are created in when the member's activities did not name one; default
    /// env `TEAMS_TENANT_ID`.
    public static let tenantID = "tenant_id"
    /// Bot Framework's published signing-key metadata.
    public static let defaultOpenIDMetadataURL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
    /// The Bot Framework token endpoint (client-credentials grant).
    public static let defaultTokenURL = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
    /// The global Teams connector.
    public static let defaultServiceURL = "https://smba.trafficmanager.net/teams/"

    /// The declaration the config, the secret resolver and the server read.
    public static let declaration = PlatformSettingsDeclaration(
        name: platform,
        enabledBy: appPassword,
        settings: [
            .secret(appPassword, environment: "TEAMS_APP_PASSWORD", summaryLabel: "app password"),
            PlatformSettingDeclaration(
                key: appID,
                kind: .identifier(
                    environment: "TEAMS_APP_ID", noun: "a Microsoft app id",
                    expected: "a GUID, e.g. '00000000-0000-0000-0000-000000000001'", isValid: isGUID),
                summaryLabel: "app id"),
            .url(
                openIDMetadataURL, environment: "TEAMS_OPENID_METADATA_URL", fallback: defaultOpenIDMetadataURL,
                summaryLabel: "openid metadata"),
            .url(tokenURL, environment: "TEAMS_TOKEN_URL", fallback: defaultTokenURL, summaryLabel: "token url"),
            .url(serviceURL, environment: "TEAMS_SERVICE_URL", fallback: defaultServiceURL),
            PlatformSettingDeclaration(
                key: tenantID,
                kind: .identifier(
                    environment: "TEAMS_TENANT_ID", noun: "a Microsoft tenant id",
                    expected: "a GUID, e.g. '72f988bf-86f1-41af-91ab-2d7cd011db47'", isValid: isGUID)),
        ],
        bindings: PlatformBindingDeclaration(
            platform: platform, workspace: "teams_team",
            channelID: PlatformIDRule(
                problem: "a Teams channel id; use Get link to channel and take the part after /channel/, decoded "
                    + "(e.g. 19:0ea1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2)",
                isValid: isThreadID),
            workspaceID: PlatformIDRule(
                problem: "a Teams team id: the id of the team's General channel (e.g. 19:abc…@thread.tacv2)",
                isValid: isThreadID)))

    /// A GUID: 8-4-4-4-12 hexadecimal digits.
    @Sendable static func isGUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// A Teams thread id: `19:` then the thread, ending `@thread.tacv2`, `@thread.skype` or `@thread.v2`.
    @Sendable static func isThreadID(_ text: String) -> Bool {
        text.hasPrefix("19:") && text.count <= 200 && !text.contains(where: \.isWhitespace)
            && ["@thread.tacv2", "@thread.skype", "@thread.v2"].contains { text.hasSuffix($0) }
    }
}
