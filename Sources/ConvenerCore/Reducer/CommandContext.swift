import Foundation

/// What a command handler knows about the community and the member who typed the command.
struct CommandContext {
    let profile: CommunityProfile
    let member: Member
    let isConvenor: Bool
    let rules: RuleEngine
    let ruleState: RuleEngineState
    let now: Date
}
