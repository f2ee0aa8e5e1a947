import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation
import Logging

/// Opens a form as a Slack modal (`views.open`) or a Mattermost interactive dialog (`actions/dialogs/open`) in
/// answer to a click, within the 3 seconds the click's `trigger_id` lives.
///
/// One attempt, no retries: a trigger cannot outlive a retry's wait. When the call fails, the caller shows the
/// reply as text with its open button instead, so the member can try again.
struct PlatformFormOpener: Sendable {
    /// Sends the calls; nil when the daemon has no HTTP client (unit tests of the routes).
    let transport: (any HTTPTransport)?
    /// The bot tokens and base URLs.
    let credentials: PlatformCredentials
    /// Convener's address as Mattermost reaches it; nil to use the address of the request.
    let publicURL: String?
    /// Where failures are reported.
    let logger: Logger

    /// The longest the call may take: the trigger lives 3 s and the click must be answered within them.
    static let timeout = Duration.milliseconds(2000)

    /// Opens `form` as a Slack modal; true when Slack accepted it.
    func openSlack(_ form: MessageForm, triggerID: String) async -> Bool {
        guard let token = credentials.slackBotToken else { return false }
        let base = credentials.slackAPIBaseURL ?? "https://slack.com/api"
        let body: Data
        do {
            body = try SlackModalRenderer.viewsOpen(form, triggerID: triggerID)
        } catch {
            logger.warning("The form cannot be shown as a Slack modal", metadata: ["error": "\(error)"])
            return false
        }
        let request = PlatformAPIResponse.json(
            "POST", "\(base)/views.open", body: body, authorization: "Bearer \(token)")
        guard let response = await send(request, label: "slack views.open") else { return false }
        if let error = PlatformAPIResponse.slackError(in: response.body) {
            logger.warning("Slack refused views.open", metadata: ["error": "\(error)"])
            return false
        }
        return true
    }

    /// Posts `body` to a Slack `response_url` once: the fallback when a clicked form could not open as a modal,
    /// because Slack shows nothing sent in the HTTP answer to a click.
    func postSlackResponse(_ body: Data, to url: String) async {
        _ = await send(
            PlatformAPIResponse.json("POST", url, body: body, authorization: nil), label: "slack response_url")
    }

    /// Opens `form` as a Mattermost dialog whose submission posts to `actionURL`; true when Mattermost accepted it.
    func openMattermost(
        _ form: MessageForm, triggerID: String, member: MemberID, actionURL: String, signer: MattermostActionSigner
    ) async -> Bool {
        guard let token = credentials.mattermostBotToken, let url = credentials.mattermostURL else { return false }
        let body: Data
        do {
            body = try MattermostDialogRenderer.openDialog(
                form, triggerID: triggerID, url: actionURL, member: member, signer: signer)
        } catch {
            logger.warning("The form cannot be shown as a Mattermost dialog", metadata: ["error": "\(error)"])
            return false
        }
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let request = PlatformAPIResponse.json(
            "POST", "\(base)/api/v4/actions/dialogs/open", body: body, authorization: "Bearer \(token)")
        return await send(request, label: "mattermost POST /actions/dialogs/open") != nil
    }

    /// The 2xx response to `request`, or nil (logged) for anything else.
    private func send(_ request: HTTPTransportRequest, label: String) async -> HTTPTransportResponse? {
        guard let transport else { return nil }
        var request = request
        request.timeout = Self.timeout
        request.connectTimeout = min(request.connectTimeout, Self.timeout)
        do {
            let response = try await transport.send(request)
            guard (200..<300).contains(response.status) else {
                logger.warning("\(label) failed", metadata: ["status": "\(response.status)"])
                return nil
            }
            return response
        } catch {
            logger.warning("\(label) failed", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
