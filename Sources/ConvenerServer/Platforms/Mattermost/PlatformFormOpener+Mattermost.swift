import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

extension PlatformFormOpener {
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
}
