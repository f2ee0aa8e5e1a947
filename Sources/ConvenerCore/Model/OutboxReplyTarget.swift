import Foundation

/// Where a late reply goes: a platform's short-lived reply channel for one request (Slack's `response_url`,
/// Discord's interaction webhook, …), as opaque data only that platform's delivery reads.
///
/// The address holds credentials for as long as it lives: it is journaled with the entry so the reply survives
/// a restart, but never logged or listed.
public struct OutboxReplyTarget: Codable, Sendable, Equatable {
    /// The platform the reply goes to, e.g. `slack`.
    public var platform: String
    /// What the platform's delivery needs to post the reply (a URL, an application id and a token); opaque here.
    public var address: [String: String]
    /// When the platform stops accepting the reply.
    public var expiresAt: Date
    /// How many replies the target takes (Slack's `response_url` works 5 times).
    public var maxReplies: Int

    /// A reply target.
    public init(platform: String, address: [String: String], expiresAt: Date, maxReplies: Int) {
        self.platform = platform
        self.address = address
        self.expiresAt = expiresAt
        self.maxReplies = maxReplies
    }

    private enum CodingKeys: String, CodingKey {
        case platform, address, expiresAt, maxReplies
        // The platform-specific cases journals written before the platform seam hold.
        case slackResponseURL, discordFollowUp
    }

    private enum LegacyKeys: String, CodingKey {
        case url, applicationID, token, expiresAt
    }

    /// Decodes a target, including the `slackResponseURL` and `discordFollowUp` forms of older journals.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let legacy = try? container.nestedContainer(keyedBy: LegacyKeys.self, forKey: .slackResponseURL) {
            self.init(
                platform: "slack", address: ["url": try legacy.decode(String.self, forKey: .url)],
                expiresAt: try legacy.decode(Date.self, forKey: .expiresAt), maxReplies: 5)
        } else if let legacy = try? container.nestedContainer(keyedBy: LegacyKeys.self, forKey: .discordFollowUp) {
            self.init(
                platform: "discord",
                address: [
                    "applicationID": try legacy.decode(String.self, forKey: .applicationID),
                    "token": try legacy.decode(String.self, forKey: .token),
                ],
                expiresAt: try legacy.decode(Date.self, forKey: .expiresAt), maxReplies: 10)
        } else {
            self.init(
                platform: try container.decode(String.self, forKey: .platform),
                address: try container.decode([String: String].self, forKey: .address),
                expiresAt: try container.decode(Date.self, forKey: .expiresAt),
                maxReplies: try container.decode(Int.self, forKey: .maxReplies))
        }
    }

    /// Encodes the platform-neutral form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(platform, forKey: .platform)
        try container.encode(address, forKey: .address)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(maxReplies, forKey: .maxReplies)
    }
}
