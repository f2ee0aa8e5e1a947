import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird

/// `/slack/commands`, `/slack/interactions` and `/slack/events`: verified with signing v0 on the raw body before
/// anything is parsed.
struct SlackController {
    let runtime: CommunityRuntime
    let verifier: SlackVerifier
    let gate: PlatformGate
    let clock: any WallClock
    let deadline: PlatformAckDeadline
    let forms: PlatformFormOpener

    func addRoutes(to router: Router<ConvenerRequestContext>) {
        let slack = router.group("slack")
        slack.post("commands") { request, context in
            try await answer(request, context) { body, now in try SlackParser.parseCommand(body: body, now: now) }
        }
        slack.post("interactions") { request, context in
            try await answer(request, context) { body, now in try SlackParser.parseInteraction(body: body, now: now) }
        }
        slack.post("events") { request, context in
            try await answer(request, context, repliesInline: false) { body, _ in try SlackParser.parseEvent(body: body)
            }
        }
    }

    /// Verifies, parses, runs the input and renders the first reply as the HTTP answer.
    ///
    /// Events get only an acknowledgement: Slack shows nothing sent in the answer to an event.
    private func answer(
        _ request: Request,
        _ context: ConvenerRequestContext,
        repliesInline: Bool = true,
        parse: (Data, Date) throws -> PlatformInbound
    ) async throws -> Response {
        let body = try await request.rawBody(context: context)
        let now = clock.now()
        let signature = request.platformHeader(SlackVerifier.signatureHeader)
        do {
            try verifier.verify(
                body: body, timestamp: request.platformHeader(SlackVerifier.timestampHeader), signature: signature,
                now: now)
        } catch {
            throw PlatformResponse.unauthorized(error)
        }
        try await gate.admitOnce(signature: signature, now: now)
        let inbound: PlatformInbound
        do {
            inbound = try parse(body, now)
        } catch {
            throw PlatformResponse.badRequest("\(error)")
        }
        switch inbound {
        case .input(let platformRequest):
            guard await gate.firstTime(inputID: platformRequest.input.id, now: now) else {
                return PlatformResponse.acknowledged
            }
            // Events are answered by posting, not inline: no reply target, and they are quick.
            let target = repliesInline ? Self.replyTarget(platformRequest.context, now: now) : nil
            guard let outcome = try await deadline.run(platformRequest.input, on: runtime, target: target) else {
                return PlatformResponse.acknowledged
            }
            guard repliesInline, let reply = outcome.replies.first else { return PlatformResponse.acknowledged }
            if case .form = platformRequest.input.event {
                return PlatformResponse.json(Self.submissionAnswer(reply))
            }
            if let form = reply.form, let trigger = platformRequest.context.triggerID {
                if await forms.openSlack(form, triggerID: trigger) { return PlatformResponse.acknowledged }
                if case .action = platformRequest.input.event, let url = platformRequest.context.responseURL {
                    await forms.postSlackResponse(try SlackRenderer.commandResponse(reply), to: url)
                    return PlatformResponse.acknowledged
                }
            }
            return PlatformResponse.json(try SlackRenderer.commandResponse(reply))
        case .reply(let reply):
            return reply.response
        case .memberJoined, .reaction, .ignored:
            return PlatformResponse.acknowledged
        }
    }
}

extension SlackController {
    /// The answer to a `view_submission`: the refused fields shown next to them, keeping the modal open, or the
    /// modal replaced by the reply's text (a thank-you, or why nothing was kept).
    static func submissionAnswer(_ reply: OutboundMessage) -> Data {
        guard reply.fieldErrors.isEmpty else { return SlackRenderer.viewSubmissionErrors(reply.fieldErrors) }
        return SlackModalRenderer.notice(reply.text, title: "Convener")
    }

    /// The request's `response_url`, good for 30 minutes.
    static func replyTarget(_ context: PlatformReplyContext, now: Date) -> OutboxReplyTarget? {
        context.responseURL.map { .slackResponseURL(url: $0, expiresAt: now.addingTimeInterval(30 * 60)) }
    }
}

extension CommunityRuntime {
    /// Runs `input`; a community that cannot take changes answers 503 so the platform retries later.
    func handleOrUnavailable(_ input: Input, lateReply: DeliveryLateReply? = nil) async throws -> Outcome {
        do {
            return try await handle(input, lateReply: lateReply)
        } catch let error as CommunityUnavailable {
            throw HTTPError(.serviceUnavailable, message: error.description)
        }
    }
}
