import ConvenerCore
import ConvenerPlatforms

/// What the playground's channel and DM panes show: an in-memory, bounded list of recent messages.
///
/// The playground stands in for a chat platform, and a platform's history is not Convener's state, so the
/// timeline lives in memory only and starts empty after a restart.
public actor PlaygroundTimeline {
    /// One entry of the timeline.
    public struct Item: Encodable, Sendable {
        /// Position in the timeline; clients ask for items after the last one they saw.
        public let seq: Int
        /// `channel` or `dm`.
        public let `where`: String
        /// The message.
        public let message: PlaygroundMessage
        /// For DMs, the member who receives it.
        let recipient: MemberID?

        enum CodingKeys: String, CodingKey { case seq, `where`, message }
    }

    private let capacity: Int
    /// The timeline is `items[first...]`; older items wait below `first` and are cut in batches, so each append
    /// costs the same however full the timeline is.
    private var items: [Item] = []
    private var first = 0
    /// The ids of the messages in the timeline, so a retried delivery is recognised without a scan.
    private var ids: Set<String> = []
    private var lastSeq = 0

    /// A timeline keeping the newest `capacity` items.
    public init(capacity: Int = 2_000) {
        self.capacity = capacity
    }

    /// Appends a member's own channel message.
    public func appendMemberMessage(id: String, author: String, text: String) {
        append(where: "channel", recipient: nil, PlaygroundMessage(id: id, author: author, text: text))
    }

    /// Appends a bot message that is visible outside the request that caused it (channel posts and DMs).
    public func appendIfVisible(_ message: OutboundMessage) {
        switch message.audience {
        case .channel: append(where: "channel", recipient: nil, PlaygroundMessage(message))
        case .direct(let member): append(where: "dm", recipient: member, PlaygroundMessage(message))
        case .ephemeral: break
        }
    }

    /// Items after `seq` that `member` may see, oldest first, at most `limit` of them.
    public func items(for member: MemberID, after seq: Int, limit: Int = 500) -> (items: [Item], next: Int) {
        let visible = items[first...].lazy.filter {
            $0.seq > seq && ($0.recipient == nil || $0.recipient == member)
        }
        let page = Array(visible.prefix(limit))
        return (page, page.last?.seq ?? max(seq, 0))
    }

    private func append(where place: String, recipient: MemberID?, _ message: PlaygroundMessage) {
        // A message whose delivery elsewhere is retried comes again; the timeline shows it once.
        guard ids.insert(message.id).inserted else { return }
        lastSeq += 1
        items.append(Item(seq: lastSeq, where: place, message: message, recipient: recipient))
        while items.count - first > capacity {
            ids.remove(items[first].message.id)
            first += 1
        }
        if first >= capacity {
            items.removeFirst(first)
            first = 0
        }
    }
}
