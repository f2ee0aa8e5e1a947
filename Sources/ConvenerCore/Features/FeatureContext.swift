import Foundation

/// What a feature sees when time passes or a rule asks it to act: the community, its state and the time.
struct FeatureContext {
    /// The reducer: profile, settings, rules, prompts and randomness.
    let reducer: CommunityReducer
    /// The state before this tick or input.
    let state: CommunityState
    /// The time.
    let now: Date
    /// The start of the ids of messages queued now (`tick`, `<input id>`, `schedule.<rule>.<instant>`).
    let idPrefix: String

    /// The community's settings.
    var profile: CommunityProfile { reducer.profile }
    /// The features' settings.
    var settings: CommunitySettings { reducer.settings }
    /// Randomness for keys, seeds and shuffles.
    var randomness: CommunityRandomness { reducer.randomness }
}

extension CommandContext {
    /// The same community, state and time as a feature context, for features that act on a command.
    var feature: FeatureContext {
        FeatureContext(reducer: reducer, state: state, now: now, idPrefix: inputID)
    }
}
