/// What the reducer decided for one input.
public struct Outcome: Sendable, Equatable {
    /// The state changes, to apply and journal as one atomic record.
    public var facts: [Fact]
    /// What to answer at once, to the member who acted (ephemeral) or in the channel.
    public var replies: [OutboundMessage]
    /// What the host should log: schedule skips, rule effects that were dropped, rounds made (never a member id
    /// next to an anonymous answer).
    public var notes: [String]
    /// Whether the host must compact the journal once the facts are durable: a poll or survey closed, and the
    /// journal records that held its key and participation tokens must go.
    public var compactsJournal = false

    /// An outcome.
    public init(facts: [Fact] = [], replies: [OutboundMessage] = [], notes: [String] = []) {
        self.facts = facts
        self.replies = replies
        self.notes = notes
    }
}
