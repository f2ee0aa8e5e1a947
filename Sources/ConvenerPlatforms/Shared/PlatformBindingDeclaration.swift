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

    /// Declares the binding keys `<name>_channel`, `<name>_channels` and `workspace`.
    public init(
        platform: String, workspace: String, channelID: PlatformIDRule, workspaceID: PlatformIDRule
    ) {
        self.channel = "\(platform)_channel"
        self.channels = "\(platform)_channels"
        self.workspace = workspace
        self.channelID = channelID
        self.workspaceID = workspaceID
    }
}
