import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird
import Logging

/// Microsoft Teams: `/teams/messages` receives every Bot Framework activity. The bearer token is checked first
/// (`TeamsTokenValidator`: signature, issuer, audience, time, and the `serviceurl` claim against the activity's
/// `serviceUrl`), and only then is the activity parsed or its conversation's address kept.
///
/// Bot Framework expects a bare 200 for a message activity, so its replies are all posted through the connector
/// (the reply target); an `adaptiveCard/action` invoke is answered in the HTTP response: the refreshed card (a form
/// with its refused fields marked, a poll, a thank-you) or a text shown to the member who clicked.
struct TeamsPlatform: ChatPlatform {
    /// Checks the bearer token.
    let validator: TeamsTokenValidator
    /// Where conversations' connectors are kept.
    let addresses: PlatformAddressBook
    /// Posts answers that are not an outcome's replies (routing questions) straight away; nil without a transport.
    let connector: TeamsConnector?
    /// Where failed direct posts are reported.
    let logger: Logger

    var name: String { TeamsSettings.platform }
    var capabilities: PlatformCapabilities { [.buttons, .threads, .edits, .lateReplies] }
    var endpoints: [PlatformEndpoint] { [PlatformEndpoint(path: "teams/messages", kind: .interactions)] }

    /// The token is reused across activities for about an hour, so it is no replay key: retries are recognised by
    /// the activity id instead.
    func verify(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) async throws -> String? {
        let serviceURL: String
        do {
            serviceURL = try TeamsActivityParser.serviceURL(in: request.body)
        } catch {
            throw PlatformResponse.unauthorized("the activity names no serviceUrl to check the token against")
        }
        try await validator.validate(authorization: request.header("Authorization"), serviceURL: serviceURL)
        return nil
    }

    func parse(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> PlatformInbound {
        try TeamsActivityParser.parse(request.body, now: now)
    }

    func remember(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint) async {
        guard let address = try? TeamsActivityParser.conversation(in: request.body) else { return }
        await TeamsConnector.remember(address, in: addresses)
    }

    func isDirect(_ context: PlatformReplyContext) -> Bool {
        context.isDirect ?? false
    }

    func lateReplyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget? {
        TeamsReplyDelivery.target(address: context.address, now: now)
    }

    /// Only an invoke's answer carries a reply.
    func answersInline(_ request: PlatformRequest) -> Bool {
        request.context.address["invoke"] == "1"
    }

    /// A card submission's values are read against its form, which is kept to redraw it with errors.
    func prepare(_ request: inout PlatformRequest, in runtime: CommunityRuntime) async -> OutboundMessage? {
        guard case .form(let formID, let values) = request.input.event, let form = await runtime.openForm(formID)
        else { return nil }
        request.form = form
        request.input.event = .form(formID: formID, values: TeamsFormAnswers.resolve(values, against: form))
        return nil
    }

    func acknowledgement(for request: PlatformRequest?, at endpoint: PlatformEndpoint) -> Response {
        guard let request, answersInline(request) else { return PlatformResponse.acknowledged }
        return PlatformResponse.json(TeamsCardRenderer.messageResponse("Got it; the answer follows in a moment."))
    }

    func answer(
        _ reply: OutboundMessage?, to request: PlatformRequest, from http: PlatformHTTPRequest,
        at endpoint: PlatformEndpoint
    ) async throws -> Response {
        guard answersInline(request) else {
            // An answer outside an outcome (which community?, no community here): posted now, once.
            if let reply { await postDirectly(reply, for: request) }
            return PlatformResponse.acknowledged
        }
        guard let reply else { return PlatformResponse.json(TeamsCardRenderer.messageResponse("Done.")) }
        return PlatformResponse.json(try Self.invokeAnswer(reply, to: request))
    }

    /// The invoke response for `reply`: a card replacing the clicked one, or a text for the clicker.
    static func invokeAnswer(_ reply: OutboundMessage, to request: PlatformRequest) throws -> Data {
        if case .form = request.input.event {
            if !reply.fieldErrors.isEmpty, let form = request.form {
                return TeamsCardRenderer.cardResponse(
                    try TeamsCardRenderer.formCard(form, errors: reply.fieldErrors, notice: reply.text))
            }
            return TeamsCardRenderer.cardResponse(try TeamsCardRenderer.card(reply))
        }
        if let form = reply.form {
            do {
                return TeamsCardRenderer.cardResponse(try TeamsCardRenderer.formCard(form))
            } catch {
                // Showing the reply would show the same open button again; say plainly why it cannot open.
                return TeamsCardRenderer.messageResponse(
                    "\(form.title.isEmpty ? "This form" : "\"\(form.title)\"") cannot open on Teams: \(error) "
                        + "Please answer it in another place Convener runs, or ask a convenor.")
            }
        }
        if case .action(let messageID, _) = request.input.event, reply.updates == messageID {
            return TeamsCardRenderer.cardResponse(try TeamsCardRenderer.card(reply))
        }
        return TeamsCardRenderer.messageResponse(TeamsCardRenderer.text(of: reply).0)
    }

    private func postDirectly(_ reply: OutboundMessage, for request: PlatformRequest) async {
        guard let connector, let address = TeamsConversationAddress(fields: request.context.address) else { return }
        do {
            let activity = try TeamsConnector.activity(reply)
            if reply.isEphemeral, !address.isPersonal, let user = address.user {
                let direct = try await connector.directConversation(with: user)
                try await connector.post(activity, to: direct.conversation, serviceURL: direct.serviceURL)
            } else {
                try await connector.post(
                    activity, to: address.conversation, replyTo: address.activity, serviceURL: address.serviceURL)
            }
        } catch {
            logger.warning("A Teams answer could not be posted", metadata: ["error": "\(error)"])
        }
    }
}
