/// A platform's keys in a community's config entry, which bind the community to its channels and workspace.
public struct PlatformBindingDeclaration: Sendable {
    /// The main channel's key, e.g. `slack_channel`: where the community's channel posts go.
    public var channel: String
    /// The further channels' key, e.g. `slack_channels`.
    public var channels: String
    /// The workspace's key, e.g. `slack_team`: requests from its channels no community lists come here.
    public var workspace: String
    /// How channel ids look.
    public var channelID: PlatformIDRule
    /// How workspace ids look.
    public var workspaceID: PlatformIDRule

    /// Declares the binding keys `<name>_<noun>`, `<name>_<noun>s` and `workspace`; the noun is what the
    /// platform calls a channel (Matrix: `room`).
    public init(
        platform: String, workspace: String, channelNoun: String = "channel", channelID: PlatformIDRule,
        workspaceID: PlatformIDRule
    ) {
        self.channel = "\(platform)_\(channelNoun)"
        self.channels = "\(platform)_\(channelNoun)s"
        self.workspace = workspace
        self.channelID = channelID
        self.workspaceID = workspaceID
    }
}
