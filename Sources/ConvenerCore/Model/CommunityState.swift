/// Everything a community remembers: the value the reducer reads and the facts change.
public struct CommunityState: Codable, Sendable, Equatable {
    /// The members, by id.
    public var members: [MemberID: Member] = [:]
    /// Messages queued but not yet delivered, in queue order.
    public var outbox: [OutboxEntry] = []
    /// The rules' token buckets, by key (see `RuleEngineState.buckets`).
    public var ruleBuckets: [String: RuleTokenBucket] = [:]
    /// The number the next rule run gets.
    public var ruleRunNumber = 1

    /// The state of a new community.
    public init() {}

    /// Applies one fact. Every fact is cheap to apply, whatever the size of the state.
    public mutating func apply(_ fact: Fact) {
        switch fact {
        case .memberJoined(let id, let displayName, let at):
            if members[id] == nil {
                members[id] = Member(id: id, displayName: displayName, joinedAt: at)
            }
        case .activityRecorded(let id, let kind, let at):
            members[id]?.activity.record(kind)
            members[id]?.lastActiveAt = at
        case .memberForgotten(let id):
            members[id] = nil
            outbox.removeAll { $0.message.audience == .direct(id) || $0.message.audience == .ephemeral(id) }
        case .memberTagged(let id, let tag):
            if let tags = members[id]?.tags, !tags.contains(tag) {
                members[id]?.tags = (tags + [tag]).sorted()
            }
        case .memberUntagged(let id, let tag):
            members[id]?.tags.removeAll { $0 == tag }
        case .rulesAccounted(let buckets, let nextRunNumber):
            ruleBuckets.merge(buckets) { _, new in new }
            ruleRunNumber = nextRunNumber
        case .messageQueued(let entry):
            outbox.append(entry)
        case .messageSettled(let id, _):
            outbox.removeAll { $0.message.id == id }
        }
    }

    /// The rule engine's state as persisted: buckets and run numbers (traces start afresh with each process).
    public var ruleEngineState: RuleEngineState {
        var rules = RuleEngineState()
        rules.buckets = ruleBuckets
        rules.nextRunNumber = ruleRunNumber
        return rules
    }

    /// Applies facts in order.
    public mutating func apply(_ facts: [Fact]) {
        for fact in facts { apply(fact) }
    }
}
