import ConvenerCore
import Foundation

/// Requests waiting for their member to say which community they are for, keyed by the id of the question.
///
/// Kept in memory only: a question outlives neither a restart nor 15 minutes, after which the member is asked to
/// type the command again. Memory is bounded by the questions of one window (and by `limit` in any case).
actor CommunityChoices {
    private var pending: [String: (input: Input, at: Date)] = [:]
    private var order: [(id: String, at: Date)] = []
    private var head = 0
    private let window: TimeInterval
    private let limit: Int

    /// A store keeping questions for `window` seconds, at most `limit` of them.
    init(window: TimeInterval = 15 * 60, limit: Int = 10_000) {
        self.window = window
        self.limit = limit
    }

    /// Keeps `input` until the member answers the question `questionID`.
    func remember(_ input: Input, question questionID: String, now: Date) {
        evict(now: now)
        if pending.count >= limit, head < order.count {
            pending[order[head].id] = nil
            head += 1
        }
        pending[questionID] = (input, now)
        order.append((questionID, now))
    }

    /// The request the question `questionID` was about, once; nil when it expired or was answered.
    func take(question questionID: String, member: MemberID, now: Date) -> Input? {
        evict(now: now)
        guard let entry = pending[questionID], entry.input.member == member else { return nil }
        pending[questionID] = nil
        return entry.input
    }

    private func evict(now: Date) {
        while head < order.count, now.timeIntervalSince(order[head].at) >= window {
            if let entry = pending[order[head].id], entry.at == order[head].at { pending[order[head].id] = nil }
            head += 1
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
