import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird

/// Mattermost: `/mattermost/commands` (POST and GET, checked against the command token) and
/// `/mattermost/actions` (button clicks and dialogs, checked against Convener's own HMAC in the context).
struct MattermostPlatform: ChatPlatform {
    let verifier: MattermostVerifier
    let signer: MattermostActionSigner
    /// Opens forms as interactive dialogs within a click's 3 seconds.
    let forms: PlatformFormOpener

    var name: String { MattermostParser.platform }
    var capabilities: PlatformCapabilities { [.buttons, .modals, .threads, .edits, .ephemeral, .lateReplies] }
    var endpoints: [PlatformEndpoint] {
        [
            PlatformEndpoint(path: "mattermost/commands", kind: .commands),
            PlatformEndpoint(method: .get, path: "mattermost/commands", kind: .commands),
            PlatformEndpoint(path: "mattermost/actions", kind: .interactions),
        ]
    }

    /// Commands carry the static command token (nothing to replay against: retries are caught by their input
    /// id); clicks and dialogs carry the HMAC Convener put in their context, checked here on the parsed callback.
    func verify(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> String? {
        switch endpoint.kind {
        case .commands:
            try verifier.verifyCommand(form: request.body, authorization: request.header("Authorization"))
        case .interactions, .events:
            let callback: MattermostCallback
            do {
                callback = try MattermostParser.parseCallback(body: request.body, now: now)
            } catch {
                throw PlatformResponse.badRequest("\(error)")
            }
            _ = try accept(callback)
        }
        return nil
    }

    func parse(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> PlatformInbound {
        switch endpoint.kind {
        case .commands:
            let inbound = try MattermostParser.parseCommand(form: request.body, now: now)
            // Mattermost names a direct channel after its two members (`id1__id2`); its id alone does not tell.
            guard case .input(var parsed) = inbound,
                let name = try? PlatformFormFields(decoding: request.body).optional("channel_name"),
                name.contains("__")
            else { return inbound }
            parsed.context.isDirect = true
            return .input(parsed)
        case .interactions, .events: return try accept(MattermostParser.parseCallback(body: request.body, now: now))
        }
    }

    func lateReplyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget? {
        MattermostResponseDelivery.target(responseURL: context.responseURL, now: now)
    }

    private func accept(_ callback: MattermostCallback) throws -> PlatformInbound {
        switch callback {
        case .action(let click): try signer.accept(click)
        case .dialog(let submission): try signer.accept(submission)
        }
    }

    func acknowledgement(for request: PlatformRequest?, at endpoint: PlatformEndpoint) -> Response {
        endpoint.kind == .commands ? PlatformResponse.acknowledged : PlatformResponse.json(Data("{}".utf8))
    }

    func answer(
        _ reply: OutboundMessage?, to request: PlatformRequest, from http: PlatformHTTPRequest,
        at endpoint: PlatformEndpoint
    ) async throws -> Response {
        let renderer = MattermostRenderer(actionURL: actionURL(for: http.request), signer: signer)
        if endpoint.kind == .commands {
            guard let reply else { return PlatformResponse.acknowledged }
            return PlatformResponse.json(renderer.commandResponse(reply))
        }
        if case .form = request.input.event {
            return PlatformResponse.json(Self.submissionAnswer(reply, http: http))
        }
        var clicked: String?
        if case .action(let messageID, _) = request.input.event { clicked = messageID }
        if let reply, let form = reply.form, let trigger = request.context.triggerID,
            await forms.openMattermost(
                form, triggerID: trigger, member: request.input.member, actionURL: actionURL(for: http.request),
                signer: signer)
        {
            return PlatformResponse.json(Data("{}".utf8))
        }
        guard let reply, let body = renderer.actionResponse(reply, clickedMessageID: clicked ?? "") else {
            return PlatformResponse.json(Data("{}".utf8))
        }
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

    /// The answer to a dialog submission: the refused fields shown next to them (the dialog stays open), else an
    /// empty object that closes it.
    static func submissionAnswer(_ reply: OutboundMessage?, http: PlatformHTTPRequest) -> Data {
        guard let reply, !reply.fieldErrors.isEmpty,
            case .dialog(let submission)? = try? MattermostParser.parseCallback(body: http.body, now: Date())
        else { return Data("{}".utf8) }
        return submissionAnswer(reply, submission: submission)
    }

    /// The answer to `submission` when `reply` refused some of its fields.
    static func submissionAnswer(_ reply: OutboundMessage?, submission: MattermostDialogSubmission) -> Data {
        guard let reply, !reply.fieldErrors.isEmpty else { return Data("{}".utf8) }
        // Only multi fields need the form's shape (their errors go on the first checkbox); the signed state has it.
        let state = submission.state.flatMap { try? PlatformJSON.parse(Data($0.utf8), what: "state").objectValue }
        let multi = state?["multi"]?.objectValue?.keys.map { FormField(id: $0, label: "", kind: .multi) } ?? []
        let form = MessageForm(id: submission.callbackID, title: "", fields: Array(multi))
        return MattermostDialogRenderer.dialogErrors(reply.fieldErrors, form: form)
    }
}
