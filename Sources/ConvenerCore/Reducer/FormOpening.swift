/// The button that stands for a form on chat platforms, which open forms only in answer to a click.
///
/// A message carrying a form (a survey's DM) shows on Slack, Mattermost and Discord as its text plus one button
/// whose action id is `form.open.<form id>`; a click on it comes back as an action, answered with the form, and
/// the platform then opens it as a modal or dialog. The playground shows forms inline and needs no button.
public enum FormOpening {
    /// The prefix of the open button's action id.
    public static let actionPrefix = "form.open."

    /// The action id of the button that opens form `formID`.
    public static func actionID(forForm formID: String) -> String {
        actionPrefix + formID
    }

    /// What the open button says: "Open the survey" for surveys, else the form's title.
    public static func label(for form: MessageForm) -> String {
        if form.id.hasPrefix(SurveyDesk.formPrefix) { return "Open the survey" }
        return form.title.isEmpty ? "Open the form" : form.title
    }

    /// The buttons a chat platform shows under `message`: its own, then the open button when it carries a form.
    public static func buttons(of message: OutboundMessage) -> [MessageAction] {
        guard let form = message.form else { return message.actions }
        return message.actions + [MessageAction(id: actionID(forForm: form.id), label: label(for: form))]
    }

    /// Answers a click on an open button with the form, when the member may still fill it in.
    static func handleAction(_ actionID: String, _ context: CommandContext, replies: inout ReplyBuilder)
        -> FeatureEffects
    {
        let formID = String(actionID.dropFirst(actionPrefix.count))
        if actionID.hasPrefix(actionPrefix), formID.hasPrefix(SurveyDesk.formPrefix) {
            SurveyDesk.reopen(formID, context, replies: &replies)
        } else {
            replies.ephemeral("That form is no longer open, so there is nothing to fill in.")
        }
        return FeatureEffects()
    }
}
