/// Where a community lives on one chat platform: optionally a workspace (Slack team, Mattermost team, Discord
/// guild) and the channels whose commands, clicks, forms and events belong to it.
///
/// Platform-neutral on purpose: the platform is a name (`slack`), the ids are the platform's own, opaque here.
public struct CommunityBinding: Sendable, Equatable, Hashable {
    /// The platform's name, e.g. `slack`.
    public var platform: String
    /// The workspace, team or guild id; nil when the community is bound by its channels alone.
    public var workspace: String?
    /// The channel ids, the community's main channel on that platform first.
    public var channels: [String]

    /// A binding.
    public init(platform: String, workspace: String? = nil, channels: [String] = []) {
        self.platform = platform
        self.workspace = workspace
        self.channels = channels
    }

    /// Where it lives, for people: `slack channels C024BE91L, C024BE92M in workspace T123`.
    public var description: String {
        var text = platform
        if !channels.isEmpty {
            text += (channels.count == 1 ? " channel " : " channels ") + channels.joined(separator: ", ")
        }
        if let workspace { text += (channels.isEmpty ? " workspace " : " in workspace ") + workspace }
        return text
    }
}
