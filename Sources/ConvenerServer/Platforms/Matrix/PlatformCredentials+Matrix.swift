import ConvenerPlatforms

/// Matrix's settings, read by the keys `MatrixSettings` declares.
extension PlatformCredentials {
    /// The bot account's access token.
    var matrixAccessToken: String? { self[MatrixEvents.platform, MatrixSettings.accessToken] }
    /// The homeserver, e.g. `https://matrix.example.org`.
    var matrixHomeserverURL: String? { self[MatrixEvents.platform, MatrixSettings.homeserverURL] }
    /// The bot's user id, when configured.
    var matrixUserID: String? { self[MatrixEvents.platform, MatrixSettings.userID] }
}
