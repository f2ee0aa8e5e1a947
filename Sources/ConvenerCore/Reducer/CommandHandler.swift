import Foundation

/// Turns a `/cop` command or a button click into facts and replies.
struct CommandHandler {
    let context: CommandContext

    /// Handles the text that followed `/cop`: parses it, checks who may run it and runs it, all as its entry in
    /// `CommandTable` says.
    func handle(_ text: String, replies: inout ReplyBuilder) -> FeatureEffects {
        let command: CopCommand
        switch CommandParser.parse(text) {
        case .success(let parsed): command = parsed
        case .failure(let error):
            replies.ephemeral(error.description)
            return FeatureEffects()
        }
        guard let entry = CommandTable.entry(named: command.name) else {
            // `CommandTableTests` gives every command an entry, so this is only a safety net.
            replies.ephemeral(
                "`/cop \(command.topic)` is not available here.\nUsage: \(CommandTable.usage(forName: "help"))")
            return FeatureEffects()
        }
        if entry.access == .convenor && !context.isConvenor {
            replies.ephemeral(
                "Only the convenors of \(context.profile.name) can use `/cop \(command.topic)`. "
                    + "If you think something should happen, say so in the channel or send `/cop feedback`."
            )
            return FeatureEffects()
        }
        return entry.handler(command, context, &replies)
    }

    // MARK: - The commands Convener itself runs (the features' run in their desks)

    /// `/cop help [topic]`.
    func help(_ command: CopCommand, _ replies: inout ReplyBuilder) -> FeatureEffects {
        guard case .help(let topic) = command else { return FeatureEffects() }
        replies.ephemeral(helpText(topic))
        return FeatureEffects()
    }

    /// `/cop me`.
    func showMemberData(_ replies: inout ReplyBuilder) -> FeatureEffects {
        replies.ephemeral(MemberDataView(context: context).summary)
        return FeatureEffects()
    }

    /// `/cop me export`.
    func exportMemberData(_ replies: inout ReplyBuilder) -> FeatureEffects {
        replies.ephemeral(MemberDataView(context: context).export)
        return FeatureEffects()
    }

    /// `/cop me forget` (asks first) and `/cop me forget confirm`.
    func forget(confirmed: Bool, _ replies: inout ReplyBuilder) -> FeatureEffects {
        // A forgotten member's id must not outlive the journal records that held it.
        FeatureEffects(facts: forget(confirmed: confirmed, replies: &replies), compactsJournal: confirmed)
    }

    /// `/cop rules list`.
    func listRules(_ replies: inout ReplyBuilder) -> FeatureEffects {
        replies.ephemeral("Rules of \(context.profile.name):\n" + context.rules.list())
        return FeatureEffects()
    }

    /// `/cop rules explain RULE_ID`.
    func explainRule(_ command: CopCommand, _ replies: inout ReplyBuilder) -> FeatureEffects {
        guard case .rulesExplain(let ruleID) = command else { return FeatureEffects() }
        switch context.rules.describe(ruleID: ruleID, state: context.ruleState) {
        case .success(let text): replies.ephemeral(text)
        case .failure(let error): replies.ephemeral("\(error)")
        }
        return FeatureEffects()
    }

    /// `/cop away DURATION`.
    func away(_ command: CopCommand, _ replies: inout ReplyBuilder) -> FeatureEffects {
        guard case .away(let duration) = command else { return FeatureEffects() }
        return FeatureEffects(facts: away(for: duration, replies: &replies))
    }

    /// `/cop back`.
    func back(_ replies: inout ReplyBuilder) -> FeatureEffects {
        FeatureEffects(facts: back(replies: &replies))
    }

    /// `/cop prompt now`.
    func postPromptNow(_ replies: inout ReplyBuilder) -> FeatureEffects {
        FeatureEffects(facts: postPromptNow(replies: &replies))
    }

    /// `/cop prompt next`.
    func previewPrompt(_ replies: inout ReplyBuilder) -> FeatureEffects {
        replies.ephemeral(promptPreview())
        return FeatureEffects()
    }

    /// `/cop prompt skip`.
    func skipPrompt(_ replies: inout ReplyBuilder) -> FeatureEffects {
        FeatureEffects(facts: skipPrompt(replies: &replies))
    }

    private func postPromptNow(replies: inout ReplyBuilder) -> [Fact] {
        var runner = RuleRunner(
            reducer: context.reducer, idPrefix: "\(context.inputID).prompt", member: nil, state: context.state,
            now: context.now)
        let facts = runner.postPrompt(theme: nil, state: context.state)
        let posted = facts.lazy.compactMap { fact -> String? in
            if case .promptRotated(let theme, _) = fact { return theme }
            return nil
        }.first
        if let posted {
            replies.ephemeral("Posted the next '\(posted)' prompt in #\(context.profile.channel).")
        } else {
            replies.ephemeral(
                "There is no prompt to post: the prompt library has no theme '\(context.reducer.defaultPromptTheme)'.")
        }
        return facts
    }

    /// `/cop prompt stats`: what members respond to, per theme, over the whole history.
    func promptStats(_ replies: inout ReplyBuilder) -> FeatureEffects {
        let trends = CommunityTrends.recent(
            CommunityAnalytics.retainedWeeks + 1, state: context.state, community: context.profile.name,
            k: context.reducer.settings.surveys.threshold, weeks: context.reducer.analyticsWeeks, now: context.now)
        replies.ephemeral(PromptStatsTable(trends).text)
        return FeatureEffects()
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
        let feature = actionID.prefix(while: { $0 != "." })
        if feature == "form" { return FormOpening.handleAction(actionID, context, replies: &replies) }
        guard let desk = FeatureDesks.owningAction(feature) else {
            replies.ephemeral("That button belongs to something that is no longer open, so nothing happened.")
            return FeatureEffects()
        }
        return desk.handleAction(actionID, messageID: messageID, context, replies: &replies)
    }

    /// Handles a submitted form: a survey, or a convenor's reply to feedback.
    func handleForm(_ formID: String, values: [String: FormValue], replies: inout ReplyBuilder) -> FeatureEffects {
        guard let desk = FeatureDesks.owningForm(formID.prefix(while: { $0 != "." })) else {
            replies.ephemeral("This form is no longer open, so nothing was recorded.")
            return FeatureEffects()
        }
        return desk.handleForm(formID, values: values, context, replies: &replies)
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
