import Foundation

/// What a command handler knows about the community and the member who typed the command.
struct CommandContext {
    let profile: CommunityProfile
    let member: Member
    let isConvenor: Bool
    let rules: RuleEngine
    let ruleState: RuleEngineState
    let now: Date
    /// The id of the input, from which the ids of channel messages derive.
    let inputID: String
    /// The state before the command.
    let state: CommunityState
    /// The reducer, for its prompt library.
    let reducer: CommunityReducer
}
