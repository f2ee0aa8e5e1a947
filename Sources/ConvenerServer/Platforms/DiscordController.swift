import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird

/// `/discord/interactions`: Ed25519 over timestamp and body with the application's public key; Discord probes
/// with bad signatures and expects 401 for them.
struct DiscordController {
    let runtime: CommunityRuntime
    let verifier: DiscordVerifier
    let gate: PlatformGate
    let clock: any WallClock
    let deadline: PlatformAckDeadline

    func addRoutes(to router: Router<ConvenerRequestContext>) {
        router.post("discord/interactions") { request, context in
            try await interaction(request, body: try await request.rawBody(context: context))
        }
    }

    private func interaction(_ request: Request, body: Data) async throws -> Response {
        let now = clock.now()
        let signature = request.platformHeader(DiscordVerifier.signatureHeader)
        do {
            try verifier.verify(
                body: body, signature: signature, timestamp: request.platformHeader(DiscordVerifier.timestampHeader),
                now: now)
        } catch {
            throw PlatformResponse.unauthorized(error)
        }
        try await gate.admitOnce(signature: signature, now: now)
        let inbound: PlatformInbound
        do {
            inbound = try DiscordParser.parseInteraction(body: body)
        } catch {
            throw PlatformResponse.badRequest(error)
        }
        switch inbound {
        case .input(var platformRequest):
            if case .form(let formID, let values) = platformRequest.input.event,
                let form = await runtime.openForm(formID)
            {
                // Discord modals only have text inputs: map typed option numbers or labels back to option ids.
                do {
                    let resolved = try DiscordModalAnswers.resolve(values, against: form)
                    platformRequest.input.event = .form(formID: formID, values: resolved)
                } catch {
                    var detail = error.description
                    if case .invalidValue(let field, let reason) = error { detail = "\(field): \(reason)" }
                    let text = "Nothing was recorded yet; please fix this and send again:\n• \(detail)"
                    let refusal = OutboundMessage(
                        id: "\(platformRequest.input.id).1", audience: .ephemeral(platformRequest.input.member),
                        text: text)
                    return PlatformResponse.json(try DiscordRenderer.interactionResponse(refusal))
                }
            }
            var clicked: String?
            if case .action(let messageID, _) = platformRequest.input.event { clicked = messageID }
            let target = Self.replyTarget(platformRequest.context, now: now)
            guard let outcome = try await deadline.run(platformRequest.input, on: runtime, target: target) else {
                // A click is acknowledged as a deferred update (type 6), anything else as a deferred message.
                return PlatformResponse.json(
                    clicked == nil ? DiscordRenderer.deferredMessage(ephemeral: true) : DiscordRenderer.deferredUpdate)
            }
            guard let reply = outcome.replies.first else {
                return PlatformResponse.json(DiscordRenderer.deferredUpdate)
            }
            if clicked != nil, let form = reply.form {
                do {
                    return PlatformResponse.json(try DiscordModalRenderer.modal(form))
                } catch {
                    // Showing the reply would show the same open button again; say plainly why it cannot open.
                    let refusal = OutboundMessage(
                        id: reply.id, audience: .ephemeral(platformRequest.input.member),
                        text: "\(form.title.isEmpty ? "This form" : "\"\(form.title)\"") cannot open on Discord: "
                            + "\(error) Please answer it in another place Convener runs, or ask a convenor.")
                    return PlatformResponse.json(try DiscordRenderer.interactionResponse(refusal))
                }
            }
            return PlatformResponse.json(try DiscordRenderer.interactionResponse(reply, clickedMessageID: clicked))
        case .reply(let reply):
            return reply.response
        case .memberJoined, .reaction, .ignored:
            return PlatformResponse.json(DiscordRenderer.deferredUpdate)
        }
    }
}

extension DiscordController {
    /// The interaction webhook, good for 15 minutes.
    static func replyTarget(_ context: PlatformReplyContext, now: Date) -> OutboxReplyTarget? {
        guard let application = context.applicationID, let token = context.interactionToken else { return nil }
        return .discordFollowUp(applicationID: application, token: token, expiresAt: now.addingTimeInterval(15 * 60))
    }
}
