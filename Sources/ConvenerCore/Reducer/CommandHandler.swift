import Foundation

/// Turns a `/cop` command or a button click into facts and replies.
struct CommandHandler {
    let context: CommandContext

    /// Handles the text that followed `/cop`.
    func handle(_ text: String, replies: inout ReplyBuilder) -> [Fact] {
        let command: CopCommand
        switch CommandParser.parse(text) {
        case .success(let parsed): command = parsed
        case .failure(let error):
            replies.ephemeral(error.description)
            return []
        }
        if command.requiresConvenor && !context.isConvenor {
            replies.ephemeral(
                "Only the convenors of \(context.profile.name) can use `/cop \(command.topic)`. "
                    + "If you think something should happen, say so in the channel or send `/cop feedback`."
            )
            return []
        }
        switch command {
        case .help(let topic):
            replies.ephemeral(helpText(topic))
            return []
        case .me:
            replies.ephemeral(MemberDataView(context: context).summary)
            return []
        case .meExport:
            replies.ephemeral(MemberDataView(context: context).export)
            return []
        case .meForget:
            return forget(confirmed: false, replies: &replies)
        case .meForgetConfirm:
            return forget(confirmed: true, replies: &replies)
        case .rulesList:
            replies.ephemeral("Rules of \(context.profile.name):\n" + context.rules.list())
            return []
        case .rulesExplain(let ruleID):
            switch context.rules.describe(ruleID: ruleID, state: context.ruleState) {
            case .success(let text): replies.ephemeral(text)
            case .failure(let error): replies.ephemeral("\(error)")
            }
            return []
        default:
            replies.ephemeral(notYetAvailable(command))
            return []
        }
    }

    /// Handles a click on a button of an earlier reply.
    func handleAction(_ actionID: String, replies: inout ReplyBuilder) -> [Fact] {
        switch actionID {
        case MemberDataView.confirmForgetAction:
            return forget(confirmed: true, replies: &replies)
        case MemberDataView.keepDataAction:
            replies.ephemeral("Nothing was deleted. Your data stays as it was.")
            return []
        default:
            replies.ephemeral("That button belongs to something that is no longer open, so nothing happened.")
            return []
        }
    }

    private func helpText(_ topic: String?) -> String {
        guard let topic else { return CommandHelp.overview }
        switch CommandHelp.text(forTopic: topic) {
        case .success(let text): return text
        case .failure(let error): return error.description
        }
    }

    private func forget(confirmed: Bool, replies: inout ReplyBuilder) -> [Fact] {
        guard confirmed else {
            replies.ephemeral(
                MemberDataView(context: context).forgetQuestion,
                actions: [
                    MessageAction(id: MemberDataView.confirmForgetAction, label: "Yes, forget me"),
                    MessageAction(id: MemberDataView.keepDataAction, label: "Keep my data"),
                ]
            )
            return []
        }
        replies.ephemeral(
            "Done: everything \(context.profile.name) stored about you is deleted. "
                + "If you use Convener again, you start afresh."
        )
        return [.memberForgotten(member: context.member.id)]
    }

    private func notYetAvailable(_ command: CopCommand) -> String {
        "`/cop \(command.topic)` is not available yet in this version of Convener.\nUsage: \(command.usage)"
    }
}
