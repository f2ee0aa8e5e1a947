import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird

/// `/mattermost/commands` (POST and GET, checked against the command token) and `/mattermost/actions` (button
/// clicks and dialogs, checked against Convener's own HMAC in the context).
struct MattermostController {
    let runtime: CommunityRuntime
    let verifier: MattermostVerifier
    let signer: MattermostActionSigner
    let gate: PlatformGate
    let clock: any WallClock
    let forms: PlatformFormOpener

    func addRoutes(to router: Router<ConvenerRequestContext>) {
        let mattermost = router.group("mattermost")
        mattermost.post("commands") { request, context in
            try await command(request, form: try await request.rawBody(context: context))
        }
        mattermost.get("commands") { request, _ in
            try await command(request, form: Data((request.uri.query ?? "").utf8))
        }
        mattermost.post("actions") { request, context in
            try await action(request, body: try await request.rawBody(context: context))
        }
    }

    private func command(_ request: Request, form: Data) async throws -> Response {
        do {
            try verifier.verifyCommand(form: form, authorization: request.platformHeader("Authorization"))
        } catch {
            throw PlatformResponse.unauthorized(error)
        }
        let inbound: PlatformInbound
        do {
            inbound = try MattermostParser.parseCommand(form: form, now: clock.now())
        } catch {
            throw PlatformResponse.badRequest(error)
        }
        guard case .input(let platformRequest) = inbound else { return PlatformResponse.acknowledged }
        let outcome = try await runtime.handleOrUnavailable(platformRequest.input)
        guard let reply = outcome.replies.first else { return PlatformResponse.acknowledged }
        return PlatformResponse.json(renderer(for: request).commandResponse(reply))
    }

    private func action(_ request: Request, body: Data) async throws -> Response {
        let now = clock.now()
        let callback: MattermostCallback
        do {
            callback = try MattermostParser.parseCallback(body: body, now: now)
        } catch {
            throw PlatformResponse.badRequest(error)
        }
        let inbound: PlatformInbound
        do {
            switch callback {
            case .action(let click): inbound = try signer.accept(click)
            case .dialog(let submission): inbound = try signer.accept(submission)
            }
        } catch {
            throw PlatformResponse.unauthorized(error)
        }
        guard case .input(let platformRequest) = inbound,
            await gate.firstTime(inputID: platformRequest.input.id, now: now)
        else { return PlatformResponse.json(Data("{}".utf8)) }
        let outcome = try await runtime.handleOrUnavailable(platformRequest.input)
        if case .dialog(let submission) = callback {
            return PlatformResponse.json(Self.submissionAnswer(outcome.replies.first, submission: submission))
        }
        var clicked: String?
        if case .action(let messageID, _) = platformRequest.input.event { clicked = messageID }
        if let reply = outcome.replies.first, let form = reply.form, let trigger = platformRequest.context.triggerID,
            await forms.openMattermost(
                form, triggerID: trigger, member: platformRequest.input.member, actionURL: actionURL(for: request),
                signer: signer)
        {
            return PlatformResponse.json(Data("{}".utf8))
        }
        guard let reply = outcome.replies.first,
            let body = renderer(for: request).actionResponse(reply, clickedMessageID: clicked ?? "")
        else { return PlatformResponse.json(Data("{}".utf8)) }
        return PlatformResponse.json(body)
    }

    /// Buttons and dialogs post back to this daemon's own `/mattermost/actions`: at `public_url` when configured,
    /// else at the address Mattermost reached it on.
    private func actionURL(for request: Request) -> String {
        if let publicURL = forms.publicURL { return publicURL + "/mattermost/actions" }
        let scheme = request.platformHeader("X-Forwarded-Proto") ?? "http"
        let host = request.platformHeader("X-Forwarded-Host") ?? request.head.authority ?? "localhost"
        return "\(scheme)://\(host)/mattermost/actions"
    }

    private func renderer(for request: Request) -> MattermostRenderer {
        MattermostRenderer(actionURL: actionURL(for: request), signer: signer)
    }

    /// The answer to a dialog submission: the refused fields shown next to them (the dialog stays open), else an
    /// empty object that closes it.
    static func submissionAnswer(_ reply: OutboundMessage?, submission: MattermostDialogSubmission) -> Data {
        guard let reply, !reply.fieldErrors.isEmpty else { return Data("{}".utf8) }
        // Only multi fields need the form's shape (their errors go on the first checkbox); the signed state has it.
        let state = submission.state.flatMap { try? PlatformJSON.parse(Data($0.utf8), what: "state").objectValue }
        let multi = state?["multi"]?.objectValue?.keys.map { FormField(id: $0, label: "", kind: .multi) } ?? []
        let form = MessageForm(id: submission.callbackID, title: "", fields: Array(multi))
        return MattermostDialogRenderer.dialogErrors(reply.fieldErrors, form: form)
    }
}
