import Foundation

/// Where anonymous feedback notes meet the reducer: commands, button clicks, the passing of time and rule actions.
enum FeedbackDesk {
    /// Handles a `/cop` command of this feature.
    static func handle(_ command: CopCommand, _ context: CommandContext, replies: inout ReplyBuilder) -> FeatureEffects
    {
        replies.ephemeral(
            "`/cop \(command.topic)` is not available yet in this version of Convener.\nUsage: \(command.usage)")
        return FeatureEffects()
    }

    /// Handles a click on a button whose id starts with this feature's prefix.
    static func handleAction(
        _ actionID: String, messageID: String, _ context: CommandContext, replies: inout ReplyBuilder
    )
        -> FeatureEffects
    {
        replies.ephemeral("That button belongs to something that is no longer open, so nothing happened.")
        return FeatureEffects()
    }

    /// Handles a submitted feedback form (a convenor's reply to all authors).
    static func handleForm(
        _ formID: String, values: [String: FormValue], _ context: CommandContext, replies: inout ReplyBuilder
    ) -> FeatureEffects {
        replies.ephemeral("This form is no longer open, so nothing was recorded.")
        return FeatureEffects()
    }

    /// What the passing of time does (deadlines, batches, follow-ups).
    static func tick(_ context: FeatureContext) -> FeatureEffects {
        FeatureEffects()
    }
}
