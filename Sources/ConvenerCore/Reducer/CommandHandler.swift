import Foundation

/// Turns a `/cop` command or a button click into facts and replies.
struct CommandHandler {
    let context: CommandContext

    /// Handles the text that followed `/cop`: the built-in commands here, the features' in their desks.
    func handle(_ text: String, replies: inout ReplyBuilder) -> FeatureEffects {
        let command: CopCommand
        switch CommandParser.parse(text) {
        case .success(let parsed): command = parsed
        case .failure(let error):
            replies.ephemeral(error.description)
            return FeatureEffects()
        }
        if command.requiresConvenor && !context.isConvenor {
            replies.ephemeral(
                "Only the convenors of \(context.profile.name) can use `/cop \(command.topic)`. "
                    + "If you think something should happen, say so in the channel or send `/cop feedback`."
            )
            return FeatureEffects()
        }
        switch command {
        case .pollCreate, .pollClose, .pollResults, .pollList:
            return PollDesk.handle(command, context, replies: &replies)
        case .feedback:
            return FeedbackDesk.handle(command, context, replies: &replies)
        case .surveyStart, .surveyResults, .surveyList:
            return SurveyDesk.handle(command, context, replies: &replies)
        case .pairJoin, .pairLeave, .pairPause, .pairResume, .pairStatus, .pairNot:
            return PairingDesk.handle(command, context, replies: &replies)
        case .kudos, .rosterJoin, .rosterLeave, .rosterSkip, .rosterSwap, .rosterWho, .digestPreview, .digestNow,
            .stats, .meBirthday, .meBirthdayClear:
            return EngagementDesk.handle(command, context, replies: &replies)
        case .help(let topic):
            replies.ephemeral(helpText(topic))
        case .me:
            replies.ephemeral(MemberDataView(context: context).summary)
        case .meExport:
            replies.ephemeral(MemberDataView(context: context).export)
        case .meForget:
            return FeatureEffects(facts: forget(confirmed: false, replies: &replies))
        case .meForgetConfirm:
            // A forgotten member's id must not outlive the journal records that held it.
            return FeatureEffects(facts: forget(confirmed: true, replies: &replies), compactsJournal: true)
        case .rulesList:
            replies.ephemeral("Rules of \(context.profile.name):\n" + context.rules.list())
        case .rulesExplain(let ruleID):
            switch context.rules.describe(ruleID: ruleID, state: context.ruleState) {
            case .success(let text): replies.ephemeral(text)
            case .failure(let error): replies.ephemeral("\(error)")
            }
        case .away(let duration):
            return FeatureEffects(facts: away(for: duration, replies: &replies))
        case .back:
            return FeatureEffects(facts: back(replies: &replies))
        case .promptNow:
            return FeatureEffects(facts: postPromptNow(replies: &replies))
        case .promptNext:
            replies.ephemeral(promptPreview())
        case .promptSkip:
            return FeatureEffects(facts: skipPrompt(replies: &replies))
        }
        return FeatureEffects()
    }

    private func postPromptNow(replies: inout ReplyBuilder) -> [Fact] {
        var runner = RuleRunner(
            reducer: context.reducer, idPrefix: "\(context.inputID).prompt", member: nil, state: context.state,
            now: context.now)
        let facts = runner.postPrompt(theme: nil)
        replies.ephemeral(
            facts.isEmpty
                ? "There is no prompt to post: the prompt library has no theme "
                    + "'\(context.reducer.defaultPromptTheme)'."
                : "Posted the next '\(context.reducer.defaultPromptTheme)' prompt in #\(context.profile.channel).")
        return facts
    }

    private func away(for duration: CommandDuration, replies: inout ReplyBuilder) -> [Fact] {
        let until = context.now.addingTimeInterval(TimeInterval(duration.seconds))
        replies.ephemeral(
            "Enjoy your break! You are away until \(context.profile.clockText.dateTime(until)): no nudges, pairing rounds or roster "
                + "turns for you until then. `/cop back` ends it early.")
        return [.memberAwayChanged(member: context.member.id, until: until)]
    }

    private func back(replies: inout ReplyBuilder) -> [Fact] {
        guard context.state.vacations.isAway(context.member.id, at: context.now) else {
            replies.ephemeral("You were not marked away, so nothing changed. `/cop away 2w` marks you away.")
            return []
        }
        replies.ephemeral("Welcome back! Nudges, pairing rounds and roster turns include you again.")
        return [.memberAwayChanged(member: context.member.id, until: nil)]
    }

    private func promptPreview() -> String {
        let theme = context.reducer.defaultPromptTheme
        guard let prompt = context.state.promptRotation.preview(theme: theme, library: context.reducer.prompts) else {
            return "There is no next prompt: the prompt library has no theme '\(theme)'."
        }
        return "Next '\(theme)' prompt (\(prompt.id)):\n\(RuleRunner.text(of: prompt))\n"
            + "`/cop prompt skip` passes over it; `/cop prompt now` posts it."
    }

    private func skipPrompt(replies: inout ReplyBuilder) -> [Fact] {
        let theme = context.reducer.defaultPromptTheme
        var rotation = context.state.promptRotation
        guard let prompt = rotation.skip(theme: theme, library: context.reducer.prompts),
            let round = rotation.themes[theme]
        else {
            replies.ephemeral("There is no prompt to skip: the prompt library has no theme '\(theme)'.")
            return []
        }
        replies.ephemeral("Skipped \(prompt.id); it comes back in a later round.")
        return [.promptRotated(theme: theme, round: round)]
    }

    /// Handles a click on a button of an earlier message; the first part of the action id names the feature.
    func handleAction(_ actionID: String, messageID: String, replies: inout ReplyBuilder) -> FeatureEffects {
        switch actionID {
        case MemberDataView.confirmForgetAction:
            return FeatureEffects(facts: forget(confirmed: true, replies: &replies), compactsJournal: true)
        case MemberDataView.keepDataAction:
            replies.ephemeral("Nothing was deleted. Your data stays as it was.")
            return FeatureEffects()
        default:
            break
        }
        switch actionID.prefix(while: { $0 != "." }) {
        case "poll": return PollDesk.handleAction(actionID, messageID: messageID, context, replies: &replies)
        case "feedback": return FeedbackDesk.handleAction(actionID, messageID: messageID, context, replies: &replies)
        case "pair": return PairingDesk.handleAction(actionID, messageID: messageID, context, replies: &replies)
        case "form": return FormOpening.handleAction(actionID, context, replies: &replies)
        default:
            replies.ephemeral("That button belongs to something that is no longer open, so nothing happened.")
            return FeatureEffects()
        }
    }

    /// Handles a submitted form: a survey, or a convenor's reply to feedback.
    func handleForm(_ formID: String, values: [String: FormValue], replies: inout ReplyBuilder) -> FeatureEffects {
        switch formID.prefix(while: { $0 != "." }) {
        case "survey": return SurveyDesk.handleForm(formID, values: values, context, replies: &replies)
        case "feedback": return FeedbackDesk.handleForm(formID, values: values, context, replies: &replies)
        default:
            replies.ephemeral("This form is no longer open, so nothing was recorded.")
            return FeatureEffects()
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
}
