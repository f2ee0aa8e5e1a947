import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

extension PlatformFormOpener {
    /// Opens `form` as a Slack modal; true when Slack accepted it.
    func openSlack(_ form: MessageForm, triggerID: String) async -> Bool {
        guard let token = credentials.slackBotToken else { return false }
        let base = credentials.slackAPIBaseURL
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
}
