import ConvenerCore
import ConvenerPlatforms
import Hummingbird
import Logging

/// The chat platforms, registered one line each, and the routes of those whose secret is configured (the
/// others stay 404). Every platform's requests go through the same `PlatformPipeline`.
struct PlatformRoutes {
    let settings: PlatformCredentials
    let directory: CommunityDirectory
    let clock: any WallClock
    let logger: Logger
    /// Opens forms as Slack modals and Mattermost dialogs.
    let forms: PlatformFormOpener
    /// Where handlings that outlive their request run.
    let work: PlatformWorkService
    /// Where platforms keep how to reach conversations and members, shared with the deliveries.
    let addresses: PlatformAddressBook

    /// The platforms configured in `settings`: the one list a new platform is added to.
    static func platforms(
        _ settings: PlatformCredentials, forms: PlatformFormOpener, addresses: PlatformAddressBook,
        clock: any WallClock, logger: Logger
    ) -> [any ChatPlatform] {
        var platforms: [any ChatPlatform] = []
        if let secret = settings.slackSigningSecret {
            platforms.append(SlackPlatform(verifier: SlackVerifier(signingSecret: secret), forms: forms))
        }
        if let token = settings.mattermostCommandToken {
            let signer = MattermostActionSigner(serverSecret: settings.mattermostActionSecret ?? token)
            platforms.append(
                MattermostPlatform(verifier: MattermostVerifier(commandToken: token), signer: signer, forms: forms))
        }
        if let key = settings.discordPublicKey {
            do {
                platforms.append(DiscordPlatform(verifier: try DiscordVerifier(publicKeyHex: key)))
            } catch {
                logger.error("Discord is off: the public key is not usable", metadata: ["error": "\(error)"])
            }
        }
        if settings.teamsAppPassword != nil, let appID = settings.teamsAppID {
            platforms.append(
                TeamsPlatform(
                    validator: TeamsTokenValidator.fetching(
                        appID: appID, metadataURL: settings.teamsOpenIDMetadataURL, transport: forms.transport,
                        clock: clock),
                    addresses: addresses,
                    connector: forms.transport.map {
                        TeamsConnector.make(settings, transport: $0, addresses: addresses, clock: clock)
                    }, logger: logger))
        } else if settings.teamsAppPassword != nil {
            logger.error("Teams is off: the app password is set but the app id (TEAMS_APP_ID) is not")
        }
        return platforms
    }

    func addRoutes(to router: Router<ConvenerRequestContext>) {
        let gate = PlatformGate()
        let deadline = PlatformAckDeadline.fromEnvironment(work: work)
        for platform in Self.platforms(settings, forms: forms, addresses: addresses, clock: clock, logger: logger) {
            add(platform, gate: gate, deadline: deadline, to: router)
        }
    }

    private func add(
        _ platform: some ChatPlatform, gate: PlatformGate, deadline: PlatformAckDeadline,
        to router: Router<ConvenerRequestContext>
    ) {
        PlatformPipeline(
            platform: platform, directory: directory, gate: gate, deadline: deadline, clock: clock, logger: logger
        ).addRoutes(to: router)
    }
}
