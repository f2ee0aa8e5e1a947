import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird

/// Discord: `/discord/interactions`, Ed25519 over timestamp and body with the application's public key; Discord
/// probes with bad signatures and expects 401 for them.
struct DiscordPlatform: ChatPlatform {
    let verifier: DiscordVerifier

    var name: String { DiscordParser.platform }
    var capabilities: PlatformCapabilities { [.buttons, .modals, .threads, .edits, .ephemeral, .lateReplies] }
    var endpoints: [PlatformEndpoint] { [PlatformEndpoint(path: "discord/interactions", kind: .interactions)] }

    func verify(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> String? {
        let signature = request.header(DiscordVerifier.signatureHeader)
        try verifier.verify(
            body: request.body, signature: signature, timestamp: request.header(DiscordVerifier.timestampHeader),
            now: now)
        return signature
    }

    func parse(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> PlatformInbound {
        try DiscordParser.parseInteraction(body: request.body)
    }

    /// An interaction outside a guild comes from a direct conversation.
    func isDirect(_ context: PlatformReplyContext) -> Bool {
        context.teamID == nil
    }

    func lateReplyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget? {
        DiscordFollowUpDelivery.target(applicationID: context.applicationID, token: context.interactionToken, now: now)
    }

    /// Discord modals only have text inputs: maps typed option numbers or labels back to option ids, or says
    /// what to fix.
    func prepare(_ request: inout PlatformRequest, in runtime: CommunityRuntime) async -> OutboundMessage? {
        guard case .form(let formID, let values) = request.input.event, let form = await runtime.openForm(formID)
        else { return nil }
        do {
            request.input.event = .form(formID: formID, values: try DiscordModalAnswers.resolve(values, against: form))
            return nil
        } catch {
            var detail = error.description
            if case .invalidValue(let field, let reason) = error { detail = "\(field): \(reason)" }
            return request.input.privateAnswer("Nothing was recorded yet; please fix this and send again:\n• \(detail)")
        }
    }

    /// A click is acknowledged as a deferred update (type 6), anything else as a deferred message.
    func acknowledgement(for request: PlatformRequest?, at endpoint: PlatformEndpoint) -> Response {
        guard let request else { return PlatformResponse.json(DiscordRenderer.deferredUpdate) }
        if case .action = request.input.event { return PlatformResponse.json(DiscordRenderer.deferredUpdate) }
        return PlatformResponse.json(DiscordRenderer.deferredMessage(ephemeral: true))
    }

    func answer(
        _ reply: OutboundMessage?, to request: PlatformRequest, from http: PlatformHTTPRequest,
        at endpoint: PlatformEndpoint
    ) async throws -> Response {
        guard let reply else { return PlatformResponse.json(DiscordRenderer.deferredUpdate) }
        var clicked: String?
        if case .action(let messageID, _) = request.input.event { clicked = messageID }
        if clicked != nil, let form = reply.form {
            do {
                return PlatformResponse.json(try DiscordModalRenderer.modal(form))
            } catch {
                // Showing the reply would show the same open button again; say plainly why it cannot open.
                let refusal = OutboundMessage(
                    id: reply.id, audience: .ephemeral(request.input.member),
                    text: "\(form.title.isEmpty ? "This form" : "\"\(form.title)\"") cannot open on Discord: "
                        + "\(error) Please answer it in another place Convener runs, or ask a convenor.")
                return PlatformResponse.json(try DiscordRenderer.interactionResponse(refusal))
            }
        }
        return PlatformResponse.json(try DiscordRenderer.interactionResponse(reply, clickedMessageID: clicked))
    }
}
