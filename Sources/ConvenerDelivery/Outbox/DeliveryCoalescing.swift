import ConvenerCore

/// Folds queued updates of the same message into the newest one.
///
/// When several queued messages update one earlier message (a poll's tally after each vote), only the newest
/// is worth sending: the others are settled without being sent.
public enum DeliveryCoalescing {
    /// `pending` without superseded updates (in queue order), and the ids of the superseded ones.
    public static func coalesce(_ pending: [OutboxEntry]) -> (live: [OutboxEntry], superseded: [String]) {
        var newest: [String: String] = [:]
        for entry in pending {
            guard let target = entry.message.updates, entry.replyTarget == nil else { continue }
            newest[target] = entry.message.id
        }
        var live: [OutboxEntry] = []
        var superseded: [String] = []
        for entry in pending {
            if let target = entry.message.updates, entry.replyTarget == nil, newest[target] != entry.message.id {
                superseded.append(entry.message.id)
            } else {
                live.append(entry)
            }
        }
        return (live, superseded)
    }
}
