import Foundation

/// Where tiers, kudos, celebrations, the roster and the round-up meet the reducer: commands, button clicks, the passing of time and rule actions.
enum EngagementDesk {
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

    /// Carries out this feature's rule action (`poll.start`, `survey.start`, `pairing.round`, `digest.post`).
    static func perform(_ effect: RuleEffect, _ context: FeatureContext) -> FeatureEffects {
        FeatureEffects(notes: ["rule \(effect.ruleID) asked for \(effect.action), which this version cannot do yet"])
    }

    /// What happens when a member leaves the community: a thank-you, and their data kept or deleted per config.
    static func memberLeft(_ context: CommandContext) -> FeatureEffects {
        FeatureEffects()
    }

    /// What the passing of time does (deadlines, batches, follow-ups).
    static func tick(_ context: FeatureContext) -> FeatureEffects {
        FeatureEffects()
    }
}
