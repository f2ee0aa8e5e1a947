import ConvenerCore
import ConvenerPlatforms
import Hummingbird
import Logging

/// Adds the routes of every chat platform whose secret is configured; the others stay 404.
struct PlatformRoutes {
    let settings: PlatformCredentials
    let runtime: CommunityRuntime
    let clock: any WallClock
    let logger: Logger
    /// Opens forms as Slack modals and Mattermost dialogs.
    let forms: PlatformFormOpener

    func addRoutes(to router: Router<ConvenerRequestContext>) {
        let gate = PlatformGate()
        let deadline = PlatformAckDeadline.fromEnvironment()
        if let secret = settings.slackSigningSecret {
            SlackController(
                runtime: runtime, verifier: SlackVerifier(signingSecret: secret), gate: gate, clock: clock,
                deadline: deadline, forms: forms
            ).addRoutes(to: router)
        }
        if let token = settings.mattermostCommandToken {
            let signer = MattermostActionSigner(serverSecret: settings.mattermostActionSecret ?? token)
            MattermostController(
                runtime: runtime, verifier: MattermostVerifier(commandToken: token), signer: signer, gate: gate,
                clock: clock, forms: forms
            ).addRoutes(to: router)
        }
        if let key = settings.discordPublicKey {
            do {
                let verifier = try DiscordVerifier(publicKeyHex: key)
                DiscordController(
                    runtime: runtime, verifier: verifier, gate: gate, clock: clock, deadline: deadline
                ).addRoutes(to: router)
            } catch {
                logger.error("Discord is off: the public key is not usable", metadata: ["error": "\(error)"])
            }
        }
    }
}
