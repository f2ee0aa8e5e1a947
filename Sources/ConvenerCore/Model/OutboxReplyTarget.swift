import Foundation

/// Where a late reply goes: the platform's short-lived reply channel for one request.
///
/// The URL and the token are credentials for as long as they live: they are journaled with the entry so the
/// reply survives a restart, but never logged or listed.
public enum OutboxReplyTarget: Codable, Sendable, Equatable {
    /// Slack's `response_url` of a slash command or click (5 uses within 30 minutes).
    case slackResponseURL(url: String, expiresAt: Date)
    /// Discord's interaction webhook, `POST /webhooks/{application}/{token}` (15 minutes).
    case discordFollowUp(applicationID: String, token: String, expiresAt: Date)

    /// When the platform stops accepting the reply.
    public var expiresAt: Date {
        switch self {
        case .slackResponseURL(_, let expiresAt), .discordFollowUp(_, _, let expiresAt): expiresAt
        }
    }

    /// How many replies the target takes: Slack's `response_url` works 5 times; Discord sets no such limit.
    public var maxReplies: Int {
        switch self {
        case .slackResponseURL: 5
        case .discordFollowUp: 10
        }
    }

    /// The platform the reply goes to: `slack` or `discord`.
    public var platform: String {
        switch self {
        case .slackResponseURL: "slack"
        case .discordFollowUp: "discord"
        }
    }
}
