import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Which platforms a community's queued messages go to, built from the credentials: the playground always,
/// Slack, Mattermost and Discord when their bot tokens are set, and the reply channels of slow requests.
struct DeliveryPlatforms: Sendable {
    /// The tokens and base URLs.
    let credentials: PlatformCredentials
    /// The playground, when it is on.
    let timeline: PlaygroundTimeline?
    /// Sends the API calls, with retries.
    let exchange: DeliveryExchange
    /// Convener's address as Mattermost reaches it, for buttons' action URLs.
    let publicURL: String
    /// Tells whether the reply window is still open.
    let clock: any WallClock
    /// How to reach conversations and members, as the routes learned it.
    let addresses: PlatformAddressBook
    /// The accounts of the platforms Convener pulls from (Matrix), which their deliveries send as.
    var pulled: PullPlatforms = .none

    /// The longest one outbound request may take: 15 s, or `CONVENER_TEST_DELIVERY_TIMEOUT_MS` (tests only).
    static func timeout(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration {
        environment["CONVENER_TEST_DELIVERY_TIMEOUT_MS"].flatMap(Int64.init).map(Duration.milliseconds)
            ?? .seconds(15)
    }

    /// The platforms for `profile`'s channels.
    func platforms(for profile: CommunityProfile) -> [any DeliveryPlatform] {
        var platforms: [any DeliveryPlatform] = [PlaygroundDelivery(timeline: timeline)]
        if let token = credentials.slackBotToken {
            platforms.append(
                SlackDelivery(
                    token: token, apiBaseURL: credentials.slackAPIBaseURL,
                    channel: profile.mainChannel(on: SlackParser.platform), exchange: exchange))
        }
        if credentials.slackSigningSecret != nil {
            platforms.append(SlackResponseDelivery(exchange: exchange, clock: clock))
        }
        if let token = credentials.mattermostBotToken, let url = credentials.mattermostURL,
            let commandToken = credentials.mattermostCommandToken
        {
            let signer = MattermostActionSigner(serverSecret: credentials.mattermostActionSecret ?? commandToken)
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            platforms.append(
                MattermostDelivery(
                    token: token, apiBase: base + "/api/v4",
                    channel: profile.mainChannel(on: MattermostParser.platform),
                    renderer: MattermostRenderer(actionURL: publicURL + "/mattermost/actions", signer: signer),
                    exchange: exchange))
        }
        if let commandToken = credentials.mattermostCommandToken {
            let signer = MattermostActionSigner(serverSecret: credentials.mattermostActionSecret ?? commandToken)
            platforms.append(
                MattermostResponseDelivery(
                    renderer: MattermostRenderer(actionURL: publicURL + "/mattermost/actions", signer: signer),
                    exchange: exchange, clock: clock))
        }
        let discordBase = credentials.discordAPIBaseURL
        if let token = credentials.discordBotToken {
            platforms.append(
                DiscordDelivery(
                    token: token, apiBase: discordBase, channel: profile.mainChannel(on: DiscordParser.platform),
                    exchange: exchange)
            )
        }
        if credentials.discordPublicKey != nil {
            platforms.append(DiscordFollowUpDelivery(apiBase: discordBase, exchange: exchange, clock: clock))
        }
        if credentials.teamsAppPassword != nil, credentials.teamsAppID != nil {
            let connector = TeamsConnector.make(
                credentials, transport: exchange.transport, addresses: addresses, clock: clock,
                timeout: exchange.timeout)
            platforms.append(
                TeamsDelivery(connector: connector, channel: profile.mainChannel(on: TeamsSettings.platform)))
            platforms.append(TeamsReplyDelivery(connector: connector, clock: clock))
        }
        if let session = pulled.matrix {
            platforms.append(MatrixDelivery(session: session, channel: profile.mainChannel(on: MatrixEvents.platform)))
        }
        return platforms
    }

    /// For the start-up summary, e.g. `playground, slack (channel posts and DMs), discord (DMs only)`.
    var summary: String {
        var parts = [timeline == nil ? "log only" : "playground"]
        if credentials.slackBotToken != nil { parts.append("slack") }
        if credentials.mattermostBotToken != nil, credentials.mattermostURL != nil { parts.append("mattermost") }
        if credentials.discordBotToken != nil { parts.append("discord") }
        if credentials.teamsAppPassword != nil, credentials.teamsAppID != nil { parts.append("teams") }
        if pulled.matrix != nil { parts.append("matrix") }
        return parts.joined(separator: ", ")
            + " (channel posts go to each platform with a channel configured; late replies via response_url "
            + "and follow-ups)"
    }
}
