import ConvenerPlatforms

/// Teams' settings, read by the keys `TeamsSettings` declares.
extension PlatformCredentials {
    /// The bot's Microsoft app id.
    var teamsAppID: String? { self[TeamsSettings.platform, TeamsSettings.appID] }
    /// The app's client secret.
    var teamsAppPassword: String? { self[TeamsSettings.platform, TeamsSettings.appPassword] }
    /// The OpenID metadata naming the signing keys.
    var teamsOpenIDMetadataURL: String {
        self[TeamsSettings.platform, TeamsSettings.openIDMetadataURL] ?? TeamsSettings.defaultOpenIDMetadataURL
    }
    /// The token endpoint.
    var teamsTokenURL: String {
        self[TeamsSettings.platform, TeamsSettings.tokenURL] ?? TeamsSettings.defaultTokenURL
    }
    /// The connector for conversations no activity named one for.
    var teamsServiceURL: String {
        self[TeamsSettings.platform, TeamsSettings.serviceURL] ?? TeamsSettings.defaultServiceURL
    }
    /// The tenant of proactive conversations with members whose activities named none.
    var teamsTenantID: String? { self[TeamsSettings.platform, TeamsSettings.tenantID] }
}
