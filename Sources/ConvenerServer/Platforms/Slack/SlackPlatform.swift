import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird

/// Slack: `/slack/commands`, `/slack/interactions` and `/slack/events`, verified with signing v0 on the raw body
/// before anything is parsed.
struct SlackPlatform: ChatPlatform {
    let verifier: SlackVerifier
    /// Opens forms as modals within a click's 3 seconds.
    let forms: PlatformFormOpener

    var name: String { SlackParser.platform }
    var capabilities: PlatformCapabilities { [.buttons, .modals, .threads, .edits, .ephemeral, .lateReplies] }
    var endpoints: [PlatformEndpoint] {
        [
            PlatformEndpoint(path: "slack/commands", kind: .commands),
            PlatformEndpoint(path: "slack/interactions", kind: .interactions),
            PlatformEndpoint(path: "slack/events", kind: .events),
        ]
    }

    func verify(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> String? {
        let signature = request.header(SlackVerifier.signatureHeader)
        try verifier.verify(
            body: request.body, timestamp: request.header(SlackVerifier.timestampHeader), signature: signature,
            now: now)
        return signature
    }

    func parse(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> PlatformInbound {
        switch endpoint.kind {
        case .commands: try SlackParser.parseCommand(body: request.body, now: now)
        case .interactions: try SlackParser.parseInteraction(body: request.body, now: now)
        case .events: try SlackParser.parseEvent(body: request.body)
        }
    }

    /// Slack's direct conversations have ids starting with `D`; a modal submission has no channel at all.
    func isDirect(_ context: PlatformReplyContext) -> Bool {
        context.channelID.map { $0.hasPrefix("D") } ?? true
    }

    func lateReplyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget? {
        SlackResponseDelivery.target(responseURL: context.responseURL, now: now)
    }

    func answer(
        _ reply: OutboundMessage?, to request: PlatformRequest, from http: PlatformHTTPRequest,
        at endpoint: PlatformEndpoint
    ) async throws -> Response {
        guard let reply else { return PlatformResponse.acknowledged }
        if case .form = request.input.event {
            return PlatformResponse.json(Self.submissionAnswer(reply))
        }
        if let form = reply.form, let trigger = request.context.triggerID {
            if await forms.openSlack(form, triggerID: trigger) { return PlatformResponse.acknowledged }
            if case .action = request.input.event, let url = request.context.responseURL {
                // Slack shows nothing sent in the HTTP answer to a click.
                await forms.postSlackResponse(try SlackRenderer.commandResponse(reply), to: url)
                return PlatformResponse.acknowledged
            }
        }
        return PlatformResponse.json(try SlackRenderer.commandResponse(reply))
    }
}

extension SlackPlatform {
    /// The answer to a `view_submission`: the refused fields shown next to them, keeping the modal open, or the
    /// modal replaced by the reply's text (a thank-you, or why nothing was kept).
    static func submissionAnswer(_ reply: OutboundMessage) -> Data {
        guard reply.fieldErrors.isEmpty else { return SlackRenderer.viewSubmissionErrors(reply.fieldErrors) }
        return SlackModalRenderer.notice(reply.text, title: "Convener")
    }
}
