/// What a feature (polls, surveys, feedback, pairing, engagement) decided for one command, click, form, tick or
/// rule action: the facts to record, the events for rules, and notes for the log.
struct FeatureEffects {
    /// State changes, recorded in the same journal record as everything else the input caused.
    var facts: [Fact] = []
    /// Events the rules react to (`poll.closed`, `kudos.given`, …), in order.
    var events: [FeatureEvent] = []
    /// What the host should log. Never a member id next to an anonymous answer.
    var notes: [String] = []
    /// Whether the journal must be compacted once this is durable: a poll or survey closed, and the records that
    /// held its key and participation tokens must not outlive it.
    var compactsJournal = false

    /// Nothing happened.
    init(facts: [Fact] = [], events: [FeatureEvent] = [], notes: [String] = [], compactsJournal: Bool = false) {
        self.facts = facts
        self.events = events
        self.notes = notes
        self.compactsJournal = compactsJournal
    }

    /// Adds `other` after these effects.
    mutating func append(_ other: FeatureEffects) {
        facts += other.facts
        events += other.events
        notes += other.notes
        compactsJournal = compactsJournal || other.compactsJournal
    }
}

/// An event a feature raises for the rules, about a member or about the community.
struct FeatureEvent {
    /// The event (its `member` is filled in by the rule runner from `member`).
    var event: RuleEvent
    /// The member the event is about, if any.
    var member: MemberID?
}
