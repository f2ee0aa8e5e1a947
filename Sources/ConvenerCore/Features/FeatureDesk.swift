/// Where one feature (polls, feedback, surveys, pairing, engagement) meets the reducer: button clicks, forms, rule
/// actions, the passing of time, shutdown and members leaving.
///
/// Every step has a default that does nothing, so a desk implements only what its feature has, and the reducer
/// reaches every desk through `FeatureDesks.all` instead of a switch per step. Commands reach desks through their
/// entries in `CommandTable`.
protocol FeatureDesk {
    /// The first dot-separated part of the action ids of this desk's buttons (`poll` for `poll.P3.vote.2`); nil
    /// when it has no buttons.
    static var actionFeature: String? { get }
    /// The first dot-separated part of the ids of this desk's forms (`survey` for `survey.S2`); nil when it has
    /// no forms.
    static var formFeature: String? { get }

    /// Handles a click on one of this desk's buttons.
    static func handleAction(
        _ actionID: String, messageID: String, _ context: CommandContext, replies: inout ReplyBuilder
    ) -> FeatureEffects

    /// Handles a submitted form of this desk.
    static func handleForm(
        _ formID: String, values: [String: FormValue], _ context: CommandContext, replies: inout ReplyBuilder
    ) -> FeatureEffects

    /// Whether this desk carries out the rule action `action` (`poll.start`, `survey.start`, …).
    static func performs(_ action: RuleEffectAction) -> Bool

    /// Carries out a rule action this desk `performs`.
    static func perform(_ effect: RuleEffect, _ context: FeatureContext) -> FeatureEffects

    /// What the passing of time does: deadlines, batches, rounds, follow-ups.
    static func tick(_ context: FeatureContext) -> FeatureEffects

    /// What must be recorded before the daemon stops.
    static func shutdown(_ context: FeatureContext) -> FeatureEffects

    /// What happens when a member leaves the community.
    static func memberLeft(_ context: CommandContext) -> FeatureEffects
}

extension FeatureDesk {
    static var actionFeature: String? { nil }
    static var formFeature: String? { nil }

    static func handleAction(
        _ actionID: String, messageID: String, _ context: CommandContext, replies: inout ReplyBuilder
    ) -> FeatureEffects {
        FeatureEffects()
    }

    static func handleForm(
        _ formID: String, values: [String: FormValue], _ context: CommandContext, replies: inout ReplyBuilder
    ) -> FeatureEffects {
        FeatureEffects()
    }

    static func performs(_ action: RuleEffectAction) -> Bool { false }

    static func perform(_ effect: RuleEffect, _ context: FeatureContext) -> FeatureEffects { FeatureEffects() }

    static func tick(_ context: FeatureContext) -> FeatureEffects { FeatureEffects() }

    static func shutdown(_ context: FeatureContext) -> FeatureEffects { FeatureEffects() }

    static func memberLeft(_ context: CommandContext) -> FeatureEffects { FeatureEffects() }
}

/// The one list of feature desks.
enum FeatureDesks {
    /// Every desk, in the order their ticks run and their effects are recorded.
    static var all: [any FeatureDesk.Type] {
        [PollDesk.self, FeedbackDesk.self, SurveyDesk.self, PairingDesk.self, EngagementDesk.self]
    }

    /// The desk whose buttons carry action ids starting `feature`.
    static func owningAction(_ feature: some StringProtocol) -> (any FeatureDesk.Type)? {
        all.first { $0.actionFeature == String(feature) }
    }

    /// The desk whose forms carry ids starting `feature`.
    static func owningForm(_ feature: some StringProtocol) -> (any FeatureDesk.Type)? {
        all.first { $0.formFeature == String(feature) }
    }

    /// The desk that carries out the rule action `action`.
    static func performing(_ action: RuleEffectAction) -> (any FeatureDesk.Type)? {
        all.first { $0.performs(action) }
    }

    /// The effects of `step` on every desk, in list order.
    static func each(_ step: (any FeatureDesk.Type) -> FeatureEffects) -> FeatureEffects {
        var effects = FeatureEffects()
        for desk in all { effects.append(step(desk)) }
        return effects
    }
}
